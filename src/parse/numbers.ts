// Decimal numbers as the kernel prints them, with a range check: a 400-digit load average once became
// Infinity and reached the screen as "load Infinity" (issue 13 item 6). A number out of its range is a
// malformed file, with a reason, never Infinity, NaN or an unsafe integer.
import {fail, ok, quote, type Parsed} from './result.js'
import {isDecimal} from './scan.js'

/** A non-negative decimal ("0.20", "350735.47", "42"), finite and at most `max`. */
export function parseDecimal(text: string, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const s = text.trim()
  if (!isDecimal(s)) return fail(`not a decimal number: ${quote(s)}`)
  const n = Number(s)
  if (!Number.isFinite(n) || n > max) return fail(`out of range (over ${max}): ${quote(s)}`)
  return ok(n)
}

/** A non-negative integer that a JS number holds exactly (ids, counts, ticks), at most `max`. */
export function parseSafeInt(text: string, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const s = text.trim()
  if (!/^\d+$/.test(s)) return fail(`not an unsigned integer: ${quote(s)}`)
  if (s.length > 16 || Number(s) > max) return fail(`out of range (over ${max}): ${quote(s)}`)
  return ok(Number(s))
}

/** Several at once: the values, or the first failure. */
export function all<T>(results: Parsed<T>[]): Parsed<T[]> {
  const out: T[] = []
  for (const r of results) {
    if (!r.ok) return r
    out.push(r.value)
  }
  return ok(out)
}
