import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const diskstatsHostWide: Rule = {
  id: 'diskstats-host-wide',
  summary: "iostat and sar -d show every container's disk I/O",
  maxSeverity: 'info',
  evaluate({views, host, owns}) {
    if (views.get('/proc/diskstats')?.scope !== 'host') return null
    const own = owns.io.stat
    const total = own
      ? own.reduce((a, d) => ({r: a.r + (d.readBytes ?? 0), w: a.w + (d.writeBytes ?? 0)}), {r: 0, w: 0})
      : null
    return {
      id: this.id,
      severity: 'info',
      title: `iostat reads /proc/diskstats: ${host.disks ? units.count(host.disks.length) : 'all'} host block devices, every container's I/O together`,
      host: {devices: host.disks},
      owned: {ioStat: own, readBytes: total?.r ?? null, writeBytes: total?.w ?? null, source: owns.io.statSource},
      advice: `Your own I/O is in ${owns.io.statSource ?? 'io.stat / blkio.throttle.io_service_bytes'}${total ? ` (read ${units.bytes(total.r)}, written ${units.bytes(total.w)} so far)` : ''}; high device utilisation with little of your own I/O means a neighbour.`,
      sources: ['/proc/diskstats', owns.io.statSource ?? 'io stat unknown'],
    }
  },
}
