// /proc/loadavg counts runnable and uninterruptible tasks of the whole host (the talk: "load 5 on a
// container that runs nothing"). Put it beside the CPUs this container owns and the CPU it actually used.
import {averageCoresUsed} from '../../model/cpu-average.js'
import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const loadAverageHostWide: Rule = {
  id: 'load-average-host-wide',
  summary: "uptime/top show the host's load average, not this container's",
  maxSeverity: 'warn',
  evaluate({views, host, owns}) {
    if (views.get('/proc/loadavg')?.scope !== 'host' || !host.loadavg) return null
    const cores = owns.cpu.effectiveCores
    const used = averageCoresUsed(owns.cpu.usageSeconds, host, views.get('/proc/<pid>')?.scope)
    const l = host.loadavg
    return {
      id: this.id,
      severity: cores !== null && l.load1 > cores ? 'warn' : 'info',
      title: `load ${units.load(l.load1)} counts every task on the host; this container owns ${units.cores(cores)}${used !== null ? ` and has used ${units.cores(used)} on average since it started` : ''}`,
      host: {load1: l.load1, load5: l.load5, load15: l.load15, runnable: l.runnable, entities: l.entities},
      owned: {effectiveCores: cores, usageSeconds: owns.cpu.usageSeconds, averageCoresUsed: used},
      advice:
        "A busy host and an idle container means neighbours, not you. Read your own CPU use (guestview owns: usage, throttled) and cpu.pressure of your cgroup; compare the load with the host's CPU count only to judge the host.",
      sources: ['/proc/loadavg', owns.cpu.usageSource ?? 'cpu usage unknown'],
    }
  },
}
