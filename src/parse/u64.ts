// Kernel counters are u64 (throttled_time in ns passes 2^53 after ~104 days of throttling; cpuacct.usage
// after ~104 CPU-days). They are parsed as BigInt so nothing is lost before a unit conversion, and only the
// converted value (seconds, bytes) becomes a JS number.
import {fail, ok, quote, type Parsed} from './result.js'
import {isSignedDigits} from './scan.js'

const U64_MAX = (1n << 64n) - 1n
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const S64_MAX = (1n << 63n) - 1n

export function parseU64(text: string): Parsed<bigint> {
  const s = text.trim()
  if (!/^\d+$/.test(s)) return fail(`not an unsigned integer: ${quote(s)}`)
  return u64OfDigits(s)
}

/** A run of ASCII digits (a caller's expression matched them) as a u64: the range check alone. */
export function u64OfDigits(digits: string): Parsed<bigint> {
  const v = BigInt(digits)
  return v > U64_MAX ? fail(`larger than u64: ${quote(digits)}`) : ok(v)
}

/** Signed: v1 cpu.cfs_quota_us is -1 when unlimited. */
export function parseS64(text: string): Parsed<bigint> {
  const s = text.trim()
  if (!isSignedDigits(s)) return fail(`not an integer: ${quote(s)}`)
  const v = BigInt(s)
  if (v > S64_MAX || v < -S64_MAX - 1n) return fail(`out of the s64 range: ${quote(s)}`)
  return ok(v)
}

/** Exact division of a BigInt to a float, e.g. nanoseconds -> seconds, without losing the integer part. */
export function bigToUnits(value: bigint, per: bigint): number {
  // Up to 2^53 both operands are exact doubles and one division is correctly rounded (1740787403 ns ->
  // 1.740787403 s); whole + rest / per rounds twice (-> 1.7407874030000001). Above, split to keep the integer part.
  if (value <= MAX_SAFE && per <= MAX_SAFE) return Number(value) / Number(per)
  const whole = value / per
  const rest = value % per
  return Number(whole) + Number(rest) / Number(per)
}

/** A BigInt as a JS number; exact up to 2^53, then the nearest double (bytes and counts, never IDs). */
export function bigToNumber(value: bigint): number {
  return Number(value)
}
