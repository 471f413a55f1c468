import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const pidsNearLimit: Rule = {
  id: 'pids-near-limit',
  summary: 'the number of tasks is at 90% or more of pids.max',
  maxSeverity: 'crit',
  evaluate({owns}) {
    const p = owns.pids
    if (p.limit.state !== 'limited' || p.current === null || p.limit.value <= 0) return null
    const ratio = p.current / p.limit.value
    if (ratio < 0.9) return null
    return {
      id: this.id,
      severity: ratio >= 1 ? 'crit' : 'warn',
      title: `${units.count(p.current)} of ${units.count(p.limit.value)} tasks allowed by pids.max`,
      host: null,
      owned: {current: p.current, limit: p.limit.value, ratio},
      advice:
        'At the limit fork() and thread creation fail with EAGAIN ("Resource temporarily unavailable"). Threads count as tasks.',
      sources: [p.limit.source],
    }
  },
}
