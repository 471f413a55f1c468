// throttlingOf: cpu.stat's three throttling lines, with the time's key and unit given (v1 throttled_time in
// ns, v2 throttled_usec in us). Expected values are worked by hand from the lines.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {throttlingOf} from '../../src/cgroup/cpu-throttling.js'
import {absent, missingKey, value, type Read} from '../../src/sysroot/outcome.js'

const V1 = {key: 'throttled_time', perSecond: 1_000_000_000n}
const V2 = {key: 'throttled_usec', perSecond: 1_000_000n}
const HINT = 'why a line may be absent'

const stat = (lines: [string, bigint][]): Read<Map<string, bigint>> => value(new Map(lines), '/cg/cpu.stat')

test('v1: nanoseconds of throttled time', () => {
  const s = stat([
    ['nr_periods', 40n],
    ['nr_throttled', 7n],
    ['throttled_time', 1_740_787_403n],
  ])
  assert.equal(throttlingOf(s, V1, HINT), {
    kind: 'value',
    value: {periods: 40, throttledPeriods: 7, throttledSeconds: 1.740787403},
    path: '/cg/cpu.stat',
  })
})

test('v2: microseconds of throttled time; the other version key is not read', () => {
  const s = stat([
    ['nr_periods', 3n],
    ['nr_throttled', 1n],
    ['throttled_usec', 250_000n],
    ['throttled_time', 9n],
  ])
  const t = throttlingOf(s, V2, HINT)
  assert.equal(t.kind === 'value' && t.value, {periods: 3, throttledPeriods: 1, throttledSeconds: 0.25})
})

test('a missing line is absent, with the hint; the first missing of the three is the one named', () => {
  const noTime = throttlingOf(
    stat([
      ['nr_periods', 3n],
      ['nr_throttled', 1n],
    ]),
    V2,
    HINT,
  )
  assert.equal(noTime, missingKey('/cg/cpu.stat', 'throttled_usec', HINT))
  const noneOfThem = throttlingOf(stat([['usage_usec', 5n]]), V2, HINT)
  assert.equal(noneOfThem, missingKey('/cg/cpu.stat', 'nr_periods', HINT))
})

test('an unread cpu.stat is passed on as it is', () => {
  const unread = absent('/cg/cpu.stat', HINT)
  assert.equal(throttlingOf(unread, V1, 'another hint'), unread)
})

test.run()
