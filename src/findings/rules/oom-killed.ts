import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const oomKilled: Rule = {
  id: 'oom-killed',
  summary: 'the OOM killer has killed processes in this cgroup',
  maxSeverity: 'crit',
  evaluate({owns}) {
    const n = owns.memory.oomKills
    if (n === null || n <= 0) return null
    return {
      id: this.id,
      severity: 'crit',
      title: `${units.count(n)} process${n === 1 ? ' was' : 'es were'} OOM-killed in this cgroup`,
      host: null,
      owned: {oomKills: n, source: owns.memory.sources.oomKills ?? null, limit: owns.memory.limit},
      advice:
        "A process that vanished with exit code 137 was likely one of these. dmesg (if readable) names them, but it is the host's log: match on this cgroup's path.",
      sources: [owns.memory.sources.oomKills ?? 'memory.events'],
    }
  },
}
