// Small /proc formats used by the findings.
//   /proc/uptime (proc(5)):  "350735.47 234388.90"  = seconds since boot, summed idle seconds of all CPUs
//   /proc/diskstats (Documentation/admin-guide/iostats.rst): "major minor name reads ... ".
import {parseLines} from './lines.js'
import {parseDecimal, parseSafeInt} from './numbers.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {twoDecimals} from './scan.js'

export type Uptime = {uptimeSeconds: number; idleSeconds: number}

export function parseUptime(text: string): Parsed<Uptime> {
  const m = twoDecimals(text.trim()) // /^(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/
  if (!m) return fail(`not an uptime line: ${quote(text.trim())}`)
  // Seconds: 1e12 is 30 000 years of uptime (idle is summed over CPUs: room for that too).
  const up = parseDecimal(m[0], 1e12)
  const idle = parseDecimal(m[1], 1e15)
  if (!up.ok) return fail(`uptime: ${up.reason}`)
  if (!idle.ok) return fail(`idle: ${idle.reason}`)
  return ok({uptimeSeconds: up.value, idleSeconds: idle.value})
}

export type DiskLine = {major: number; minor: number; name: string}

export function parseDiskstatsNames(text: string): Parsed<DiskLine[]> {
  return parseLines(text, (line) => {
    const f = line.split(/\s+/)
    const major = parseSafeInt(f[0] ?? '', 2 ** 32)
    const minor = parseSafeInt(f[1] ?? '', 2 ** 32)
    if (f.length < 7 || !major.ok || !minor.ok) return fail(`not a diskstats line: ${quote(line)}`)
    return ok({major: major.value, minor: minor.value, name: f[2]!})
  })
}
