// cgroup v1 cpu.shares (2..262144, default 1024) and v2 cpu.weight (1..10000, default 100) are the same
// knob on two scales, and the OCI runtimes changed the conversion in 2025:
//   linear (runc < 1.3.2, crun < 1.23; KEP-2254):    weight = 1 + ((shares - 2) * 9999) / 262142
//       -> 1024 shares became weight 39, well below the v2 default of 100.
//   log-quadratic (runc >= 1.3.2, crun >= 1.23):     L = log2(shares)
//       weight = ceil(10 ^ ((L^2 + 125 L) / 612 - 7/34))  -> 2 -> 1, 1024 -> 100, 262144 -> 10000.
// A v2 weight may come from either; we show the shares each formula implies, and let the user pick. Both
// round, so a weight comes from a range of shares (weight 39 from 999..1024 under the linear formula, weight
// 100 from 1012..1024 under the log-quadratic one): the range is shown, and one value in it.

import {malformed, type Read} from '../sysroot/outcome.js'

export const SHARES_MIN = 2
export const SHARES_MAX = 262144
export const WEIGHT_MIN = 1
export const WEIGHT_MAX = 10000

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

/**
 * A cpu.shares or cpu.weight read, held to the range the kernel keeps it in: it clamps shares to 2..262144
 * (sched_group_set_shares, kernel/sched/fair.c) and refuses a weight outside 1..10000 (cpu_weight_write_u64,
 * kernel/sched/core.c: -ERANGE). Another number in the file was not written by the kernel: malformed.
 */
export function inKernelRange(f: Read<number>, lo: number, hi: number): Read<number> {
  if (f.kind !== 'value' || (f.value >= lo && f.value <= hi)) return f
  return malformed(f.path, `${f.value} is outside the kernel's range ${lo}..${hi}`)
}

export function weightLinear(shares: number): number {
  const s = clamp(shares, SHARES_MIN, SHARES_MAX)
  return 1 + Math.floor(((s - 2) * 9999) / 262142)
}

export function weightLogQuadratic(shares: number): number {
  const s = clamp(shares, SHARES_MIN, SHARES_MAX)
  const l = Math.log2(s)
  const exponent = (l * l + 125 * l) / 612 - 7 / 34
  const weight = Math.pow(10, exponent)
  // Round the exponent's float noise away before ceil, so shares=1024 gives exactly 100, not 101: a result
  // within 12 significant digits of an integer is that integer (as toPrecision(12) would round it, at a tenth
  // of its cost). No other shares value comes within 2e-6 of one (test/cgroup/cpu-weight.test.ts).
  const nearest = Math.round(weight)
  return clamp(Math.abs(weight - nearest) <= weight * 5e-12 ? nearest : Math.ceil(weight), WEIGHT_MIN, WEIGHT_MAX)
}

/** The shares (inclusive) that one formula maps to one weight: a weight comes from a range, since both round. */
export type SharesRange = {min: number; max: number}

/**
 * Linear: weight - 1 = floor((shares - 2) * 9999 / 262142), so the shares are those with
 * (weight - 1) * 262142 <= (shares - 2) * 9999 < weight * 262142. Exact in integers (all below 2^32).
 * Every weight has 26 or 27 shares (262142 / 9999 = 26.2...).
 */
export function sharesRangeLinear(weight: number): SharesRange {
  const w = clamp(Math.round(weight), WEIGHT_MIN, WEIGHT_MAX)
  const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b)
  return {
    min: 2 + ceilDiv((w - 1) * 262142, 9999),
    max: Math.min(SHARES_MAX, 1 + ceilDiv(w * 262142, 9999)),
  }
}

/**
 * Log-quadratic: the forward formula is increasing in shares, and rises by less than 1 per share over the
 * whole range (about 0.35 at 2 shares, 0.08 at 1024, 0.03 at 262144), so every weight has a non-empty run
 * of shares. Found by bisection on the forward formula itself, so the range is exactly what the runtime
 * maps to this weight (float rounding included), not an inverse that could be off by one.
 */
export function sharesRangeLogQuadratic(weight: number): SharesRange {
  const w = clamp(Math.round(weight), WEIGHT_MIN, WEIGHT_MAX)
  return {min: firstSharesReaching(w), max: w === WEIGHT_MAX ? SHARES_MAX : firstSharesReaching(w + 1) - 1}
}

/** The smallest shares whose log-quadratic weight is at least w (2 for w <= 1). */
function firstSharesReaching(w: number): number {
  let lo = SHARES_MIN
  let hi = SHARES_MAX
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (weightLogQuadratic(mid) >= w) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The shares in `range` nearest `exact`, the formula's inverse over the reals. */
const nearest = (exact: number, range: SharesRange) => clamp(Math.round(exact), range.min, range.max)

/** One shares value for a weight: the one in its range nearest the exact inverse (100 -> 2598). */
export function sharesFromWeightLinear(weight: number): number {
  const w = clamp(weight, WEIGHT_MIN, WEIGHT_MAX)
  return nearest(2 + ((w - 1) * 262142) / 9999, sharesRangeLinear(w))
}

/**
 * One shares value for a weight: solve L^2 + 125 L - 612 (log10 w + 7/34) = 0 for L >= 0, and take the
 * shares in the weight's range nearest 2^L (100 -> 1024, the documented pair).
 */
export function sharesFromWeightLogQuadratic(weight: number): number {
  const w = clamp(weight, WEIGHT_MIN, WEIGHT_MAX)
  const c = 612 * (Math.log10(w) + 7 / 34)
  const l = (-125 + Math.sqrt(125 * 125 + 4 * c)) / 2
  return nearest(Math.pow(2, l), sharesRangeLogQuadratic(w))
}

export type RelativeWeight =
  | {from: 'cpu.shares'; shares: number; weightLinear: number; weightLogQuadratic: number; formulas: typeof FORMULAS}
  | {
      from: 'cpu.weight'
      weight: number
      /** One value each (nearest the exact inverse); the ranges below are every shares value that gives it. */
      sharesLinear: number
      sharesLogQuadratic: number
      sharesRangeLinear: SharesRange
      sharesRangeLogQuadratic: SharesRange
      formulas: typeof FORMULAS
    }

export const FORMULAS = {
  linear: 'weight = 1 + ((shares - 2) * 9999) / 262142  (runc < 1.3.2, crun < 1.23)',
  logQuadratic: 'weight = ceil(10^((L^2 + 125L)/612 - 7/34)), L = log2(shares)  (runc >= 1.3.2, crun >= 1.23, 2025)',
} as const

export function fromShares(shares: number): RelativeWeight {
  return {
    from: 'cpu.shares',
    shares,
    weightLinear: weightLinear(shares),
    weightLogQuadratic: weightLogQuadratic(shares),
    formulas: FORMULAS,
  }
}

export function fromWeight(weight: number): RelativeWeight {
  return {
    from: 'cpu.weight',
    weight,
    sharesLinear: sharesFromWeightLinear(weight),
    sharesLogQuadratic: sharesFromWeightLogQuadratic(weight),
    sharesRangeLinear: sharesRangeLinear(weight),
    sharesRangeLogQuadratic: sharesRangeLogQuadratic(weight),
    formulas: FORMULAS,
  }
}
