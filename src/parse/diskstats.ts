// /proc/diskstats (Documentation/admin-guide/iostats.rst), the counters iostat reads, host-wide:
//   "   8       0 sda 1520 120 91234 800 2044 1733 80232 5012 0 3150 5820 0 0 0 0 0 0"
// After major, minor and name: (1) reads completed, (2) merged, (3) sectors read, (4) ms reading, (5) writes
// completed, (6) merged, (7) sectors written, (8) ms writing, (9) I/Os in flight, (10) ms doing I/O
// (io_ticks: the device's busy time, iostat's %util), (11) weighted ms doing I/O (time in queue: avgqu-sz).
// Sectors are 512 bytes whatever the device's own sector size.
import {parseLines} from './lines.js'
import {fail, ok, quote, type Parsed} from './result.js'

export type DiskCounters = {
  name: string
  sectorsRead: number
  sectorsWritten: number
  ioTicksMs: number
  weightedMs: number
}

export function parseDiskstats(text: string): Parsed<DiskCounters[]> {
  return parseLines(text, (line) => {
    const f = line.split(/\s+/)
    if (
      f.length < 14 ||
      !/^\d+$/.test(f[0]!) ||
      !/^\d+$/.test(f[1]!) ||
      !f.slice(3, 14).every((x) => /^\d{1,20}$/.test(x))
    )
      return fail(`not a diskstats line: ${quote(line)}`)
    return ok({
      name: f[2]!,
      sectorsRead: Number(f[5]),
      sectorsWritten: Number(f[9]),
      ioTicksMs: Number(f[12]),
      weightedMs: Number(f[13]),
    })
  })
}
