// Small /proc formats used by the findings.
//   /proc/uptime (proc(5)):  "350735.47 234388.90"  = seconds since boot, summed idle seconds of all CPUs
//   /proc/PID/stat (proc(5)): "1 (my (odd) comm) S 0 1 ... starttime(22) ..." - comm may hold spaces and
//     parentheses, so fields are counted after the LAST ')'. starttime is in clock ticks since boot
//     (USER_HZ, 100 on every mainstream Linux ABI).
//   /proc/diskstats (Documentation/admin-guide/iostats.rst): "major minor name reads ... ".
import {fail, ok, quote, type Parsed} from './result.js'

export type Uptime = {uptimeSeconds: number; idleSeconds: number}

export function parseUptime(text: string): Parsed<Uptime> {
  const m = /^(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(text.trim())
  if (!m) return fail(`not an uptime line: ${quote(text.trim())}`)
  return ok({uptimeSeconds: Number(m[1]), idleSeconds: Number(m[2])})
}

export function parsePidStatStart(text: string): Parsed<{comm: string; startTicks: number}> {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return fail(`no (comm) in ${quote(text)}`)
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  // After ")" comes field 3 (state); starttime is field 22, i.e. rest[19].
  const start = rest[19]
  if (start === undefined || !/^\d+$/.test(start)) return fail(`no starttime field in ${quote(text)}`)
  return ok({comm: text.slice(open + 1, close), startTicks: Number(start)})
}

export type DiskLine = {major: number; minor: number; name: string}

export function parseDiskstatsNames(text: string): Parsed<DiskLine[]> {
  const out: DiskLine[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const f = line.split(/\s+/)
    if (f.length < 7 || !/^\d+$/.test(f[0]!) || !/^\d+$/.test(f[1]!))
      return fail(`not a diskstats line: ${quote(line)}`)
    out.push({major: Number(f[0]), minor: Number(f[1]), name: f[2]!})
  }
  return ok(out)
}
