import * as units from '../../units/units.js'
import {cpuHeader, ownedCpu, reads, readOwnCgroup, scope, throttleLine} from '../common.js'
import {num, p, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const pidstat: ToolSpec = {
  tool: 'pidstat',
  title: 'pidstat 1',
  aliases: ['pidstat 1'],
  checklist: 5,
  run: ['pidstat', '1', '1'],
  explain: (r) => {
    const ns = scope(r, '/proc/<pid>')
    return {
      summary: p`CPU use per process per second, from /proc/<pid>/stat. Which processes appear depends on the PID namespace: ${ns === 'namespaced' ? "here only this container's" : ns === 'host' ? 'here every process on the host' : 'unknown here'}.`,
      reads: reads(r, '/proc/<pid>'),
      fields: [
        {field: '(N CPU) in the header', meaning: cpuHeader(r)},
        {
          field: '%CPU',
          meaning: p`percent of ONE CPU: 150% is 1.5 cores. Summed over your processes it cannot exceed your quota × 100 for long (${num(r.cpu.limit.state === 'limited' ? r.cpu.limit.value * 100 : null, 'percent')} here)`,
        },
        {field: '%wait', meaning: p`time runnable but waiting for a CPU: with a quota, throttling shows up here`},
        {
          field: 'an empty table',
          meaning: p`nothing in this PID namespace used CPU in that second, even if the host is busy (the talk's "busy CPUs but this container runs nothing")`,
        },
      ],
      yours: [
        ownedCpu(r),
        throttleLine(r),
        ns === 'host'
          ? [warn('host PID namespace'), ...p`: the table includes other containers' processes`]
          : p`PID namespace: ${ns}`,
      ],
      instead: [
        readOwnCgroup(),
        {
          command: 'pidstat -w 1',
          why: p`nvcswch/s (involuntary switches) rising with no throttling: CPU contention from neighbours`,
        },
      ],
      live: {pidScope: ns, hostCpus: r.cpu.hostCpus, limit: r.cpu.limit, throttling: r.cpu.throttling},
    }
  },
  annotate: (line, r) => {
    const header = /\((\d+) CPU\)/.exec(line)
    return header ? `${header[1]} host CPUs; %CPU is per one CPU; you own ${units.cores(r.cpu.effectiveCores)}` : null
  },
}
