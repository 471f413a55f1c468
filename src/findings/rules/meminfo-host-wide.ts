// free, top and vmstat read /proc/meminfo: the host's memory. A container with a lower limit is killed at
// its limit, whatever "free" and "available" say.
import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const meminfoHostWide: Rule = {
  id: 'meminfo-host-wide',
  summary: "free/meminfo show the host's memory, above this container's limit",
  maxSeverity: 'warn',
  evaluate({views, host, owns}) {
    const lim = owns.memory.limit
    const memTotal = owns.host.memTotalBytes
    if (views.get('/proc/meminfo')?.scope !== 'host' || lim.state !== 'limited' || memTotal === null) return null
    if (lim.value >= memTotal) return null
    return {
      id: this.id,
      severity: 'warn',
      title: `free/meminfo show the host's ${units.bytes(memTotal)}; this container is held to ${units.bytes(lim.value)}`,
      host: {memTotalBytes: memTotal, memAvailableBytes: host.memAvailableBytes},
      owned: {
        limitBytes: lim.value,
        limitSource: lim.source,
        workingSetBytes: owns.memory.workingSetBytes,
        usageBytes: owns.memory.usageBytes,
      },
      advice: `Your headroom is the limit minus the working set (${owns.memory.workingSetBytes !== null ? units.bytes(Math.max(0, lim.value - owns.memory.workingSetBytes)) : 'unknown'}), not "available". Size heaps and caches from the limit (guestview owns), and watch memory.events / OOM kills.`,
      sources: ['/proc/meminfo', lim.source],
    }
  },
}
