import * as units from '../../units/units.js'
import {hostNote, isHost, isVirtual, ownedCpu, ownedCpuUse, reads, readOwnCgroup, throttleLine} from '../common.js'
import {num, p} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const uptime: ToolSpec = {
  tool: 'uptime',
  title: 'uptime',
  aliases: ['w'],
  checklist: 1,
  run: ['uptime'],
  explain: (r) => {
    const l = r.hostView.loadavg
    return {
      summary: p`The time since boot and the load averages over 1, 5 and 15 minutes. Load counts tasks running or waiting for a CPU plus tasks in uninterruptible sleep (usually disk I/O), damped exponentially: a quick look at demand, not at utilisation.`,
      reads: reads(r, '/proc/uptime', '/proc/loadavg'),
      fields: [
        {
          field: 'up …',
          meaning: isVirtual(r, '/proc/uptime')
            ? p`lxcfs: time since this container started`
            : p`time since the ${isHost(r, '/proc/uptime') ? 'host ' : ''}kernel booted, not since this container started`,
        },
        {field: 'users', meaning: p`login sessions recorded in this container's utmp: usually 0 in a container`},
        {field: 'load average', meaning: hostNote(r, '/proc/loadavg', 'the three numbers')},
      ],
      yours: [
        p`load is ${num(l?.load1 ?? null, 'load')}, ${num(l?.load5 ?? null, 'load')}, ${num(l?.load15 ?? null, 'load')}; ${ownedCpu(r)}`,
        ownedCpuUse(r),
        throttleLine(r),
      ],
      instead: [
        readOwnCgroup(),
        {
          command: 'guestview check',
          why: p`puts the load beside your own cores and use (finding load-average-host-wide)`,
        },
        {
          command: `cat ${r.pressure.cpu.source ?? 'cpu.pressure'}`,
          why: p`CPU pressure of this cgroup only, where cgroup v2 PSI is available`,
        },
      ],
      live: {
        load: l,
        uptimeSeconds: r.hostView.uptimeSeconds,
        effectiveCores: r.cpu.effectiveCores,
        usageSeconds: r.cpu.usageSeconds,
      },
    }
  },
  annotate: (line, r) => {
    if (!/load average/.test(line)) return null
    if (isVirtual(r, '/proc/loadavg')) return "load virtualized by lxcfs: counts this container's tasks"
    return `host-wide load: every task on the host. You own ${units.cores(r.cpu.effectiveCores)}${r.cpu.throttling?.throttledPeriods ? `, throttled ${units.count(r.cpu.throttling.throttledPeriods)} periods` : ''}${isHost(r, '/proc/uptime') ? '; "up" is the host\'s boot time' : ''}`
  },
}
