// nproc, os.cpus(), lscpu and many runtimes size thread pools from the CPU count the kernel shows, which
// ignores the CFS quota (and, for /proc/cpuinfo and cpu/online, the cpuset).
import {effectiveCoresBasis} from '../../model/cpu.js'
import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const cpuCountHostWide: Rule = {
  id: 'cpu-count-host-wide',
  summary: 'the CPU count tools see exceeds the cores this container owns',
  maxSeverity: 'warn',
  evaluate({views, owns}) {
    const online = owns.cpu.hostCpus
    const eff = owns.cpu.effectiveCores
    const scope = views.get('/sys/devices/system/cpu/online')?.scope
    const cpuinfo = views.get('/proc/cpuinfo')?.scope
    if (online === null || eff === null || online <= eff) return null
    if (scope === 'virtualized' && cpuinfo === 'virtualized') return null
    const pool = Math.max(1, Math.floor(eff))
    return {
      id: this.id,
      severity: 'warn',
      title: `the kernel shows ${units.count(online)} CPUs (os.cpus(), lscpu, getconf); this container owns ${units.cores(eff)}`,
      host: {onlineCpus: online},
      owned: {
        effectiveCores: eff,
        basis: effectiveCoresBasis(owns.cpu),
        limit: owns.cpu.limit,
        cpuset: owns.cpu.cpuset,
      },
      advice: `Thread pools sized by CPU count will oversubscribe and be throttled: size them to ${units.count(pool)}${Math.ceil(eff) !== pool ? ` (or ${units.count(Math.ceil(eff))}, as the JDK rounds up)` : ''}. nproc honours the cpuset but not the quota; Node's os.availableParallelism() the same.`,
      sources: ['/sys/devices/system/cpu/online', owns.cpu.limit.source ?? 'cpu limit'],
    }
  },
}
