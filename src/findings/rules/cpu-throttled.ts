// CFS bandwidth throttling (Documentation/scheduler/sched-bwc.rst): nr_throttled periods out of
// nr_periods. The ratio sets the severity: a few throttled periods are latency spikes, a quarter or more
// means the quota is the bottleneck.
import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const cpuThrottled: Rule = {
  id: 'cpu-throttled',
  summary: 'the CPU quota has throttled this container',
  maxSeverity: 'crit',
  evaluate({owns}) {
    const t = owns.cpu.throttling
    if (!t || t.throttledPeriods <= 0 || t.periods <= 0) return null
    const ratio = t.throttledPeriods / t.periods
    return {
      id: this.id,
      severity: ratio >= 0.25 ? 'crit' : ratio >= 0.05 ? 'warn' : 'info',
      title: `throttled in ${units.count(t.throttledPeriods)} of ${units.count(t.periods)} CFS periods (${units.percent(t.throttledPeriods, t.periods)}), ${units.seconds(t.throttledSeconds)} in all${owns.cpu.limit.state === 'limited' ? `, under a ${units.cores(owns.cpu.limit.value)} quota` : ''}`,
      host: null,
      owned: {...t, ratio, limit: owns.cpu.limit},
      advice:
        'The quota, not the host, is slowing you: raise the CPU limit, lower the thread count to the quota, or smooth bursts (cpu.cfs_burst_us / cpu.max.burst). Counters are cumulative since the cgroup was made: run `guestview check` twice to see whether they still rise.',
      sources: [t.source],
    }
  },
}
