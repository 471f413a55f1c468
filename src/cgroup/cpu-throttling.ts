// cpu.stat's CFS throttling lines, alike on both versions but for the time's key and unit (the cpu.ts of each
// version names its kernel doc):
//   v1 (sched-bwc.rst)  nr_periods, nr_throttled, throttled_time  NANOseconds
//   v2 (cgroup-v2.rst)  nr_periods, nr_throttled, throttled_usec  MICROseconds
import {bigToUnits} from '../parse/u64.js'
import {both, keyOf, type Read} from '../sysroot/outcome.js'
import type {Throttling} from './controllers.js'

/** The throttled time's line in cpu.stat, and how many of its units make a second. */
export type ThrottledTime = {key: string; perSecond: bigint}

/** The three throttling lines of a parsed cpu.stat; `hint` says why a line may be absent. */
export function throttlingOf(stat: Read<Map<string, bigint>>, time: ThrottledTime, hint: string): Read<Throttling> {
  const periods = keyOf(stat, 'nr_periods', hint)
  const throttled = keyOf(stat, 'nr_throttled', hint)
  const timeUnits = keyOf(stat, time.key, hint)
  return both(
    both(periods, throttled, (p, t) => [p, t] as const),
    timeUnits,
    ([p, t], units) => ({
      periods: Number(p),
      throttledPeriods: Number(t),
      throttledSeconds: bigToUnits(units, time.perSecond),
    }),
  )
}
