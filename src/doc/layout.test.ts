import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {rows, title} from './blocks.js'
import {barCells, columnKeyWidth, fitKeyWidths, keyOnItsOwnLine} from './layout.js'
import {text} from './tokens.js'

const row = (key: string) => ({key, value: [text('v')]})

test('fit key widths: the longest key under each title and a 2-space gap, capped at 22', () => {
  const doc = [
    title('a'),
    rows('fit', [row('usage'), row('working set')]),
    rows('stacked', [row('a stacked key does not count at all')]),
    title('b'),
    rows('fit', [row('a key longer than the cap of the column')]),
  ]
  assert.equal(fitKeyWidths(doc), [13, 13, 13, 22, 22])
  assert.equal(fitKeyWidths([rows('column', [row('x')])]), [2])
})

test('a key goes on its own line when it leaves no 2-space gap', () => {
  assert.is(keyOnItsOwnLine('r_await w_await aqu-sz', 24), false)
  assert.is(keyOnItsOwnLine('bind mounts and volumes', 24), true)
})

test('the column key width on a terminal: a third of it, between 12 and 24', () => {
  assert.equal([30, 60, 80, 160].map(columnKeyWidth), [12, 20, 24, 24])
})

test('bar cells: the fraction of ten, clamped; unknown is null', () => {
  assert.equal(barCells(0.44), {filled: 4, empty: 6})
  assert.equal(barCells(2), {filled: 10, empty: 0})
  assert.equal(barCells(-0.5), {filled: 0, empty: 10})
  assert.is(barCells(null), null)
})

test.run()
