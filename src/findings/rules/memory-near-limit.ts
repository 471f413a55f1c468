import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const memoryNearLimit: Rule = {
  id: 'memory-near-limit',
  summary: 'the working set is at 90% or more of the memory limit',
  maxSeverity: 'crit',
  evaluate({owns}) {
    const m = owns.memory
    if (m.limit.state !== 'limited' || m.workingSetBytes === null || m.limit.value <= 0) return null
    const ratio = m.workingSetBytes / m.limit.value
    if (ratio < 0.9) return null
    return {
      id: this.id,
      severity: ratio >= 0.97 ? 'crit' : 'warn',
      title: `working set ${units.bytes(m.workingSetBytes)} is ${units.percent(m.workingSetBytes, m.limit.value)} of the ${units.bytes(m.limit.value)} limit`,
      host: null,
      owned: {workingSetBytes: m.workingSetBytes, limitBytes: m.limit.value, ratio, usageBytes: m.usageBytes},
      advice:
        'Near the limit the kernel reclaims hard and then OOM-kills in this cgroup. Lower heap/cache sizes or raise the limit; the working set (usage - inactive file cache) is what the kubelet evicts on.',
      sources: [m.limit.source, m.sources.workingSetBytes ?? 'memory usage'],
    }
  },
}
