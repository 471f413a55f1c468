import {hostNote, isHost, reads} from '../common.js'
import {num, p, path} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const iostat: ToolSpec = {
  tool: 'iostat',
  title: 'iostat -xz 1',
  aliases: ['iostat -xz 1', 'iostat -x'],
  checklist: 6,
  // -y: leave out the first report (averages since boot); count 1 is then one 1-second sample.
  run: ['iostat', '-xz', '-y', '1', '1'],
  explain: (r) => {
    const own = r.io.stat ?? []
    const readBytes = own.reduce((a, d) => a + (d.readBytes ?? 0), 0)
    const writeBytes = own.reduce((a, d) => a + (d.writeBytes ?? 0), 0)
    const limits = r.io.limits ?? []
    return {
      summary: p`Per-device I/O rates, sizes, queue lengths, latencies and utilisation, plus a CPU summary.`,
      reads: reads(r, '/proc/diskstats', '/proc/stat'),
      fields: [
        {field: 'avg-cpu', meaning: hostNote(r, '/proc/stat', 'these CPU percentages')},
        {
          field: 'Device rows',
          meaning: hostNote(
            r,
            '/proc/diskstats',
            r.hostView.disks
              ? p`the ${num(r.hostView.disks.length, 'count')} devices and their rates`
              : 'the devices and their rates',
          ),
        },
        {field: 'r/s w/s rkB/s wkB/s', meaning: p`the device's total: every container's I/O plus the host's`},
        {
          field: 'r_await w_await aqu-sz',
          meaning: p`latency and queue of the device: high with little I/O of your own means a neighbour`,
        },
        {
          field: '%util',
          meaning: p`time the device was busy; meaningless for SSD/NVMe arrays that serve requests in parallel`,
        },
      ],
      yours: [
        p`this cgroup's own I/O so far: read ${num(own.length ? readBytes : null, 'bytes')}, written ${num(own.length ? writeBytes : null, 'bytes')} (${path(r.io.statSource ?? 'io.stat')})`,
        limits.length
          ? p`I/O limits on ${limits.map((l) => l.device).join(', ')} (${path(r.io.limitsSource ?? '')})`
          : p`no I/O limits are set for this cgroup`,
      ],
      instead: [
        {command: `cat ${r.io.statSource ?? 'io.stat'}`, why: p`bytes and operations of this cgroup only, per device`},
        {command: 'pidstat -d 1', why: p`I/O per process of this PID namespace`},
      ],
      live: {
        disks: r.hostView.disks,
        ioStat: r.io.stat,
        ioLimits: r.io.limits,
        diskstatsHost: isHost(r, '/proc/diskstats'),
      },
    }
  },
  annotate: (line, r) => {
    if (/^\s*avg-cpu/.test(line)) return isHost(r, '/proc/stat') ? 'CPU split of the whole host' : null
    const dev = /^(\S+)\s+\d/.exec(line)
    if (dev && r.hostView.disks?.includes(dev[1]!) && isHost(r, '/proc/diskstats'))
      return `host device ${dev[1]}: everyone's I/O`
    return null
  },
}
