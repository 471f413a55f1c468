import * as units from '../../units/units.js'
import {
  hostNote,
  isHost,
  isVirtual,
  ownedCpu,
  ownedMemory,
  reads,
  readOwnCgroup,
  scope,
  throttleLine,
} from '../common.js'
import {num, p} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const top: ToolSpec = {
  tool: 'top',
  title: 'top',
  aliases: ['htop', 'top -b -n 1'],
  checklist: null,
  run: ['top', '-b', '-n', '1', '-w', '200'],
  explain: (r) => ({
    summary: p`A summary (uptime and load, tasks, CPU split, memory) over a process table. The summary and the table come from different scopes.`,
    reads: reads(r, '/proc/loadavg', '/proc/uptime', '/proc/stat', '/proc/meminfo', '/proc/<pid>'),
    fields: [
      {field: 'top - … up …, load average', meaning: hostNote(r, '/proc/loadavg', 'uptime and load')},
      {field: 'Tasks', meaning: p`processes of this PID namespace (${scope(r, '/proc/<pid>')})`},
      {field: '%Cpu(s)', meaning: hostNote(r, '/proc/stat', 'the CPU split figures')},
      {field: 'MiB Mem / MiB Swap', meaning: hostNote(r, '/proc/meminfo', 'memory totals')},
      {field: '%CPU', meaning: p`percent of one CPU per process; 100 is one core`},
      {
        field: '%MEM',
        meaning: isVirtual(r, '/proc/meminfo')
          ? p`resident memory as a share of lxcfs's MemTotal (your limit)`
          : p`resident memory as a share of the host's MemTotal (${num(r.host.memTotalBytes, 'bytes')}), not of your limit${r.memory.limit.state === 'limited' ? p` (${num(r.memory.limit.value, 'bytes')})` : ''}: here 1% is ${num(r.host.memTotalBytes !== null ? r.host.memTotalBytes / 100 : null, 'bytes')}`,
      },
    ],
    yours: [ownedCpu(r), throttleLine(r), ownedMemory(r)],
    instead: [readOwnCgroup(), {command: 'guestview check', why: p`names which of top's header lines are the host's`}],
    live: {
      load: r.hostView.loadavg,
      memTotalBytes: r.host.memTotalBytes,
      effectiveCores: r.cpu.effectiveCores,
      memoryLimit: r.memory.limit,
    },
  }),
  annotate: (line, r) => {
    if (/load average/.test(line) && isHost(r, '/proc/loadavg'))
      return `host load; you own ${units.cores(r.cpu.effectiveCores)}`
    if (/^%?Cpu\(s\)/.test(line) && isHost(r, '/proc/stat')) return 'CPU split of every host CPU'
    if (/^(MiB|KiB|GiB) Mem/.test(line) && isHost(r, '/proc/meminfo')) {
      return `host memory; your limit: ${r.memory.limit.state === 'limited' ? units.bytes(r.memory.limit.value) : r.memory.limit.state}`
    }
    return null
  },
}
