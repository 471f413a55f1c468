import {isVirtual, reads, scope} from '../common.js'
import {num, p, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const ps: ToolSpec = {
  tool: 'ps',
  title: 'ps',
  aliases: ['ps aux', 'ps -ef'],
  checklist: null,
  run: ['ps', '-eo', 'pid,ppid,user,pcpu,pmem,rss,etime,comm'],
  explain: (r) => {
    const s = scope(r, '/proc/<pid>')
    return {
      summary: p`A snapshot of processes from /proc/<pid>: which ones you see depends on the PID namespace.`,
      reads: reads(r, '/proc/<pid>', '/proc/meminfo'),
      fields: [
        {
          field: 'PID',
          meaning:
            s === 'namespaced'
              ? p`PIDs of this namespace; PID 1 is the container's entry process (${r.hostView.pid1?.comm ?? 'unknown'})`
              : p`host PIDs`,
        },
        {
          field: '%CPU',
          meaning: p`CPU time over the process's whole life, percent of one CPU: not the current rate (use top or pidstat)`,
        },
        {
          field: '%MEM',
          meaning: isVirtual(r, '/proc/meminfo')
            ? p`RSS over lxcfs's MemTotal`
            : p`RSS over the host's MemTotal, not over your limit`,
        },
        {field: 'ELAPSED', meaning: p`wall time since the process started; PID 1's is the container's age`},
      ],
      yours: [
        s === 'host'
          ? [warn('host PID namespace'), ...p`: ps lists every process on the host`]
          : p`PID namespace: ${s}; tasks in this cgroup: ${num(r.pids.current, 'count')} of ${r.pids.limit.state === 'limited' ? num(r.pids.limit.value, 'count') : r.pids.limit.state}`,
      ],
      instead: [
        {command: 'guestview owns', why: p`pids.current and pids.max: threads count as tasks against the limit`},
      ],
      live: {pidScope: s, pidsCurrent: r.pids.current, pidsLimit: r.pids.limit},
    }
  },
}
