// Small /proc formats used by the findings.
//   /proc/uptime (proc(5)):  "350735.47 234388.90"  = seconds since boot, summed idle seconds of all CPUs
// (/proc/diskstats: parse/diskstats.ts.)
import {parseDecimal} from './numbers.js'
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
