import {hostNote, isVirtual, ownedCpu, ownedMemory, reads, readOwnCgroup, throttleLine} from '../common.js'
import * as units from '../../units/units.js'
import {p} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const vmstat: ToolSpec = {
  tool: 'vmstat',
  title: 'vmstat 1',
  aliases: ['vmstat 1'],
  checklist: 3,
  // Count 2, not 1: vmstat's first line is the average since boot; the second is the one-second sample.
  run: ['vmstat', '1', '2'],
  explain: (r) => ({
    summary: p`Virtual memory statistics, one line per second: run queue, memory, swapping, block I/O, interrupts and CPU split. The first line is the average since boot.`,
    reads: reads(r, '/proc/stat', '/proc/meminfo', '/proc/vmstat'),
    fields: [
      {
        field: 'r',
        meaning: p`tasks running or runnable on the whole host (from /proc/stat procs_running). A value above the host CPU count means CPU saturation of the host, not necessarily yours`,
      },
      {field: 'b', meaning: p`tasks blocked in uninterruptible sleep, host-wide`},
      {field: 'swpd free buff cache', meaning: hostNote(r, '/proc/meminfo', 'these memory figures')},
      {field: 'si so', meaning: p`swap-ins and swap-outs of the host; your cgroup's swap limit is separate`},
      {field: 'bi bo', meaning: p`blocks in and out of every host device`},
      {field: 'us sy id wa st', meaning: hostNote(r, '/proc/stat', 'the CPU percentages')},
    ],
    yours: [ownedCpu(r), throttleLine(r), ownedMemory(r)],
    instead: [
      readOwnCgroup(),
      {command: 'guestview check', why: p`flags which of these numbers are the host's right now`},
    ],
    live: {
      effectiveCores: r.cpu.effectiveCores,
      memoryLimit: r.memory.limit,
      workingSetBytes: r.memory.workingSetBytes,
      throttling: r.cpu.throttling,
    },
  }),
  annotate: (line, r) => {
    if (!/^\s*\d+\s+\d+\s+\d+/.test(line)) return null
    const mem = isVirtual(r, '/proc/meminfo')
      ? 'memory columns from lxcfs'
      : `free/buff/cache are host memory (your limit: ${r.memory.limit.state === 'limited' ? units.bytes(r.memory.limit.value) : r.memory.limit.state})`
    return `r counts host tasks (you own ${units.cores(r.cpu.effectiveCores)}); ${mem}`
  },
}
