import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const perfBlocked: Rule = {
  id: 'perf-blocked',
  summary: 'perf cannot profile here (seccomp, capabilities or perf_event_paranoid)',
  maxSeverity: 'warn',
  evaluate({perf, process}) {
    if (perf.verdict !== 'blocked' && perf.verdict !== 'restricted') return null
    return {
      id: this.id,
      severity: perf.verdict === 'blocked' ? 'warn' : 'info',
      title:
        perf.verdict === 'blocked'
          ? 'perf will fail with "Operation not permitted" in this container'
          : `perf is limited to user-space profiling of your own processes (perf_event_paranoid=${units.count(perf.paranoid)})`,
      host: {perfEventParanoid: perf.paranoid, kptrRestrict: perf.kptrRestrict},
      owned: {seccomp: process.seccomp, privileged: perf.privileged, noNewPrivs: process.noNewPrivs},
      advice: `${perf.why} From the host, \`perf record -G <cgroup>\` or \`perf top\` with the container's cgroup profiles it without changing the container.`,
      sources: ['/proc/self/status', '/proc/sys/kernel/perf_event_paranoid', '/proc/sys/kernel/kptr_restrict'],
    }
  },
}
