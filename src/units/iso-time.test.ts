import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {isoTime} from './iso-time.js'

test('isoTime: the same text as toISOString for every time of years 0-9999', () => {
  fc.assert(
    fc.property(fc.integer({min: -62_167_219_200_000, max: 253_402_300_799_999}), (ms) => {
      const d = new Date(ms)
      return isoTime(d) === d.toISOString()
    }),
    {numRuns: 20_000},
  )
  for (const ms of [0, -1, 1, 999, 1000, Date.UTC(2026, 11, 3, 3, 4, 5, 6), -62_167_219_200_000, 253_402_300_799_999])
    assert.is(isoTime(new Date(ms)), new Date(ms).toISOString())
})

test('isoTime: outside years 0-9999 as toISOString (the extended form), and an invalid date throws as it does', () => {
  for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15])
    assert.is(isoTime(new Date(ms)), new Date(ms).toISOString())
  assert.throws(() => isoTime(new Date(Number.NaN)), RangeError)
})

test.run()
