import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const uptimeHostWide: Rule = {
  id: 'uptime-host-wide',
  summary: 'uptime shows how long the host has run, not the container',
  maxSeverity: 'info',
  evaluate({views, host}) {
    if (views.get('/proc/uptime')?.scope !== 'host' || host.uptimeSeconds === null) return null
    const pidNs = views.get('/proc/<pid>')?.scope === 'namespaced'
    const age = pidNs && host.pid1?.ageSeconds != null ? host.pid1.ageSeconds : null
    return {
      id: this.id,
      severity: 'info',
      title: `uptime says the host booted ${units.duration(host.uptimeSeconds)} ago${age !== null ? `; this container's PID 1 (${host.pid1!.comm}) started ${units.duration(age)} ago` : ''}`,
      host: {uptimeSeconds: host.uptimeSeconds},
      owned: {pid1AgeSeconds: age, pid1: host.pid1?.comm ?? null},
      advice: "For the container's age read the start time of PID 1 (ps -o etime= -p 1) in a private PID namespace.",
      sources: ['/proc/uptime', '/proc/1/stat'],
    }
  },
}
