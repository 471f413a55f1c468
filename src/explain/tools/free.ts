import {isVirtual, ownedMemory, reads} from '../common.js'
import * as units from '../../units/units.js'
import {cmd, num, p, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const free: ToolSpec = {
  tool: 'free',
  title: 'free -m',
  aliases: ['free -m', 'free -h'],
  checklist: 7,
  run: ['free', '-m'],
  explain: (r) => {
    const m = r.memory
    const total = r.host.memTotalBytes
    const virt = isVirtual(r, '/proc/meminfo')
    return {
      summary: p`Memory and swap totals from /proc/meminfo: total, used, free, shared, buff/cache, available.`,
      reads: reads(r, '/proc/meminfo', '/proc/swaps'),
      fields: [
        {
          field: 'total',
          meaning: virt
            ? p`lxcfs: ${num(total, 'bytes')} here, the smaller of your limit and the host's memory`
            : p`the host's MemTotal (${num(total, 'bytes')}), not your limit`,
        },
        {
          field: 'used / free',
          meaning: virt
            ? p`computed by lxcfs from your cgroup's usage`
            : p`the whole host's memory use: other containers' and the host's page cache included`,
        },
        {
          field: 'buff/cache',
          meaning: p`page cache; in your cgroup, the inactive part of it is reclaimable and not in your working set`,
        },
        {
          field: 'available',
          meaning: virt
            ? p`lxcfs estimate within your limit`
            : [
                warn('host-wide'),
                ...p`: the kernel's estimate for the host. A container is OOM-killed at its limit long before "available" runs out`,
              ],
        },
        {
          field: 'Swap',
          meaning: p`${virt ? "lxcfs: your cgroup's swap" : 'host swap devices'}; your swap limit is ${m.swapLimit.state === 'limited' ? num(m.swapLimit.value, 'bytes') : m.swapLimit.state}`,
        },
      ],
      yours: [
        m.limit.state === 'limited' && total !== null && !virt
          ? [warn("free shows the host's memory"), ...p`, ${num(total, 'bytes')}; ${ownedMemory(r)}`]
          : ownedMemory(r),
        p`usage ${num(m.usageBytes, 'bytes')} includes page cache; working set = usage - inactive_file = ${num(m.workingSetBytes, 'bytes')} is what the OOM killer and ${cmd('kubectl top')} look at`,
        p`OOM kills so far: ${num(m.oomKills, 'count')}`,
      ],
      instead: [
        {command: 'guestview owns', why: p`the limit, usage, working set and OOM kills of this cgroup`},
        {command: `cat ${m.limit.source ?? 'memory.max'}`, why: p`the limit itself`},
      ],
      live: {
        memTotalBytes: total,
        meminfoVirtualized: virt,
        limit: m.limit,
        workingSetBytes: m.workingSetBytes,
        usageBytes: m.usageBytes,
        oomKills: m.oomKills,
      },
    }
  },
  annotate: (line, r) => {
    const m = r.memory
    if (/^Mem:/.test(line)) {
      if (isVirtual(r, '/proc/meminfo')) return 'virtualized by lxcfs: total reflects your limit'
      const lim =
        m.limit.state === 'limited'
          ? `your limit is ${units.bytes(m.limit.value)}`
          : m.limit.state === 'unlimited'
            ? 'no memory limit is set'
            : 'your limit is unknown'
      const head =
        m.limit.state === 'limited' && m.workingSetBytes !== null
          ? `, working set ${units.bytes(m.workingSetBytes)}, headroom ${units.bytes(m.limit.value - m.workingSetBytes)}`
          : ''
      return `"total" is the host's ${units.bytes(r.host.memTotalBytes)}; ${lim}${head}`
    }
    if (/^Swap:/.test(line))
      return `host swap; your swap limit: ${m.swapLimit.state === 'limited' ? units.bytes(m.swapLimit.value) : m.swapLimit.state}`
    return null
  },
}
