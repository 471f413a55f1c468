import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const dmesgHostOrDenied: Rule = {
  id: 'dmesg-host-or-denied',
  summary: "dmesg shows the host kernel's log, or is denied",
  maxSeverity: 'info',
  evaluate({dmesg, owns}) {
    const host = dmesg.verdict === 'host-log'
    return {
      id: this.id,
      severity: 'info',
      title: host
        ? "dmesg shows the host kernel's ring buffer: every container's OOM kills and errors, not only yours"
        : `dmesg cannot read the kernel log here (${dmesg.kmsg === 'absent' ? 'no /dev/kmsg' : dmesg.kmsg})`,
      host: {verdict: dmesg.verdict, kmsg: dmesg.kmsg, dmesgRestrict: dmesg.dmesgRestrict},
      owned: {oomKills: owns.memory.oomKills, oomSource: owns.memory.sources.oomKills ?? null},
      advice: `${dmesg.why} Your own OOM kills are counted in ${owns.memory.sources.oomKills ?? 'memory.events (v2) / memory.oom_control (v1)'}${owns.memory.oomKills !== null ? ` (${units.count(owns.memory.oomKills)} so far)` : ''}.`,
      sources: ['/dev/kmsg', '/proc/sys/kernel/dmesg_restrict'],
    }
  },
}
