import * as units from '../../units/units.js'
import {
  cpuHeader,
  cpusetText,
  hostNote,
  isVirtual,
  ownedCpu,
  ownedCpuUse,
  reads,
  readOwnCgroup,
  throttleLine,
} from '../common.js'
import {p} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const mpstat: ToolSpec = {
  tool: 'mpstat',
  title: 'mpstat -P ALL 1',
  aliases: ['mpstat -P ALL 1', 'mpstat -P ALL'],
  checklist: 4,
  run: ['mpstat', '-P', 'ALL', '1', '1'],
  explain: (r) => ({
    summary: p`Per-CPU time split (user, system, iowait, steal, idle) every second. It shows every CPU the kernel has, busy with everybody's work.`,
    reads: reads(r, '/proc/stat'),
    fields: [
      {field: '(N CPU) in the header', meaning: cpuHeader(r)},
      {field: '%usr %sys … %idle', meaning: hostNote(r, '/proc/stat', 'these percentages')},
      {
        field: '%steal',
        meaning: p`time the hypervisor gave this VM's CPUs to another VM: a noisy neighbour one level up`,
      },
      {
        field: 'CPU rows',
        meaning: r.cpu.cpuset
          ? p`this container may run only on CPUs ${cpusetText(r)} (its cpuset); the other rows are other tenants' work`
          : p`rows for every host CPU`,
      },
    ],
    yours: [ownedCpu(r), ownedCpuUse(r), throttleLine(r)],
    instead: [
      readOwnCgroup(),
      {command: 'guestview check', why: p`says whether the quota throttled you (cpu-throttled)`},
    ],
    live: {
      hostCpus: r.cpu.hostCpus,
      cpuset: r.cpu.cpuset,
      effectiveCores: r.cpu.effectiveCores,
      usageSeconds: r.cpu.usageSeconds,
      throttling: r.cpu.throttling,
    },
  }),
  annotate: (line, r) => {
    const header = /\((\d+) CPU\)/.exec(line)
    if (header) return `${header[1]} CPUs online on the host; this container owns ${units.cores(r.cpu.effectiveCores)}`
    const row = /^\S+(?:\s+[AP]M)?\s+(\d+)\s+\d/.exec(line)
    if (row && r.cpu.cpuset && !r.cpu.cpuset.includes(Number(row[1])))
      return `CPU ${row[1]} is outside your cpuset: this is other tenants' work`
    if (/\sall\s/.test(line) && !/%usr/.test(line) && !isVirtual(r, '/proc/stat'))
      return "all host CPUs together, every container's work"
    return null
  },
}
