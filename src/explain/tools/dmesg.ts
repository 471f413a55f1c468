import {reads} from '../common.js'
import {num, p, path, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const dmesg: ToolSpec = {
  tool: 'dmesg',
  title: 'dmesg | tail',
  aliases: ['dmesg | tail', 'journalctl -k'],
  checklist: 2,
  run: ['dmesg'],
  tailLines: 10,
  explain: (r) => {
    const d = r.probes.dmesg
    const oomSource = r.memory.sources.oomKills ?? 'memory.events'
    return {
      summary: p`The kernel's ring buffer: OOM kills, TCP drops, driver and filesystem errors. There is one per host, so from a container it is either everybody's log or none.`,
      reads: reads(r, '/dev/kmsg'),
      fields: [
        {field: '[seconds]', meaning: p`time since the host booted`},
        {
          field: 'Memory cgroup out of memory / Killed process',
          meaning: p`an OOM kill; the task_memcg= or oom_memcg= path says which cgroup, which may not be yours`,
        },
        {
          field: 'TCP: request_sock_TCP: Possible SYN flooding / nf_conntrack: table full',
          meaning: p`network saturation of the host's stack or of one namespace`,
        },
      ],
      yours: [
        d.verdict === 'host-log'
          ? [warn('readable: the host kernel log'), ...p`, with every container's messages. ${d.why}`]
          : [warn('not readable here'), ...p`: ${d.why}`],
        p`this container's own OOM kills: ${num(r.memory.oomKills, 'count')} (${path(oomSource)})`,
      ],
      instead: [
        {command: `cat ${oomSource}`, why: p`OOM kills in this cgroup, readable without any privilege`},
        {command: 'guestview check', why: p`raises oom-killed when the count is above zero`},
      ],
      live: {verdict: d.verdict, kmsg: d.kmsg, dmesgRestrict: d.dmesgRestrict, oomKills: r.memory.oomKills},
    }
  },
  annotate: (line, r) => {
    if (!/out of memory|oom-kill|Killed process/i.test(line)) return null
    // In a private cgroup namespace the log shows the host's full paths, and this cgroup's own is "/" here.
    if (r.cgroup.namespace === 'private')
      return `an OOM kill somewhere on the host: its memcg path is the host's view, hidden from this cgroup namespace; your own count is in ${r.memory.sources.oomKills ?? 'memory.events'}`
    return `an OOM kill somewhere on the host: yours only if its memcg path is ${r.cgroup.hierarchies.find((h) => h.controllers.includes('memory') || h.version === 'v2')?.cgroupPath ?? 'your cgroup path'}`
  },
}
