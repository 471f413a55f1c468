// /proc/diskstats (Documentation/admin-guide/iostats.rst), the counters iostat reads, host-wide:
//   "   8       0 sda 1520 120 91234 800 2044 1733 80232 5012 0 3150 5820 0 0 0 0 0 0"
// After major, minor and name: (1) reads completed, (2) merged, (3) sectors read, (4) ms reading, (5) writes
// completed, (6) merged, (7) sectors written, (8) ms writing, (9) I/Os in flight, (10) ms doing I/O
// (io_ticks: the device's busy time, iostat's %util), (11) weighted ms doing I/O (time in queue: avgqu-sz).
// Sectors are 512 bytes whatever the device's own sector size. Kernels 4.18 and 5.5 added discard and flush
// counters after these (15 and 17 counters). Before 2.6.25, a partition's line had only 4: reads issued,
// sectors read, writes issued, sectors written (iostats.rst, "Disks vs Partitions").
//
// Two readers of one line format, because they need different lines: the findings want each device's name
// (parseDiskstatsNames), which every line has, old partition lines too; diagnose wants busy time and time in
// queue (parseDiskstats), which an old partition line does not have, so there such a file is not read. Both
// take a line's device the same way (device()).
import {parseLines} from './lines.js'
import {parseSafeInt} from './numbers.js'
import {fail, ok, quote, type Parsed} from './result.js'

/** The counters of an old partition line (before 2.6.25), the fewest a line has. */
const OLD_PARTITION_COUNTERS = 4
/** Up to the weighted ms doing I/O, (11) above: what every whole disk has had since 2.6, and partitions since 2.6.25. */
const IO_COUNTERS = 11

export type DiskLine = {major: number; minor: number; name: string}

/** A line's words (split on white space) as "MAJOR MINOR NAME" and at least `counters` more (not read here), or null. */
function device(words: string[], counters: number): DiskLine | null {
  if (words.length < 3 + counters) return null
  const major = parseSafeInt(words[0]!, 2 ** 32)
  const minor = parseSafeInt(words[1]!, 2 ** 32)
  return major.ok && minor.ok ? {major: major.value, minor: minor.value, name: words[2]!} : null
}

function notALine(line: string): Parsed<never> {
  return fail(`not a diskstats line: ${quote(line)}`)
}

/** Every device's numbers and name: any line with its counters, an old partition line's 4 too. */
export function parseDiskstatsNames(text: string): Parsed<DiskLine[]> {
  return parseLines(text, (line) => {
    const d = device(line.split(/\s+/), OLD_PARTITION_COUNTERS)
    return d ? ok(d) : notALine(line)
  })
}

export type DiskCounters = {
  name: string
  sectorsRead: number
  sectorsWritten: number
  ioTicksMs: number
  weightedMs: number
}

/** Every device's sectors, busy time and time in queue. A line without them (an old partition's) fails the file. */
export function parseDiskstats(text: string): Parsed<DiskCounters[]> {
  return parseLines(text, (line) => {
    const w = line.split(/\s+/)
    const d = device(w, IO_COUNTERS)
    if (!d || !w.slice(3, 3 + IO_COUNTERS).every((x) => /^\d{1,20}$/.test(x))) return notALine(line)
    return ok({
      name: d.name,
      sectorsRead: Number(w[5]),
      sectorsWritten: Number(w[9]),
      ioTicksMs: Number(w[12]),
      weightedMs: Number(w[13]),
    })
  })
}
