// cgroup v1 cpu.shares (2..262144, default 1024) and v2 cpu.weight (1..10000, default 100) are the same
// knob on two scales, and the OCI runtimes changed the conversion in 2025:
//   linear (runc < 1.3.2, crun < 1.23; KEP-2254):    weight = 1 + ((shares - 2) * 9999) / 262142
//       -> 1024 shares became weight 39, well below the v2 default of 100.
//   log-quadratic (runc >= 1.3.2, crun >= 1.23):     L = log2(shares)
//       weight = ceil(10 ^ ((L^2 + 125 L) / 612 - 7/34))  -> 2 -> 1, 1024 -> 100, 262144 -> 10000.
// A v2 weight may come from either; we show the shares each formula implies, and let the user pick.

export const SHARES_MIN = 2
export const SHARES_MAX = 262144
export const WEIGHT_MIN = 1
export const WEIGHT_MAX = 10000

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

export function weightLinear(shares: number): number {
  const s = clamp(shares, SHARES_MIN, SHARES_MAX)
  return 1 + Math.floor(((s - 2) * 9999) / 262142)
}

export function weightLogQuadratic(shares: number): number {
  const s = clamp(shares, SHARES_MIN, SHARES_MAX)
  const l = Math.log2(s)
  const exponent = (l * l + 125 * l) / 612 - 7 / 34
  // Round the exponent's float noise away before ceil, so shares=1024 gives exactly 100, not 101.
  return clamp(Math.ceil(Number(Math.pow(10, exponent).toPrecision(12))), WEIGHT_MIN, WEIGHT_MAX)
}

export function sharesFromWeightLinear(weight: number): number {
  const w = clamp(weight, WEIGHT_MIN, WEIGHT_MAX)
  return 2 + Math.floor(((w - 1) * 262142) / 9999)
}

/** Inverse of the log-quadratic formula: solve L^2 + 125 L - 612 (log10 w + 7/34) = 0 for L >= 0. */
export function sharesFromWeightLogQuadratic(weight: number): number {
  const w = clamp(weight, WEIGHT_MIN, WEIGHT_MAX)
  const c = 612 * (Math.log10(w) + 7 / 34)
  const l = (-125 + Math.sqrt(125 * 125 + 4 * c)) / 2
  return clamp(Math.round(Math.pow(2, l)), SHARES_MIN, SHARES_MAX)
}

export type RelativeWeight =
  | {from: 'cpu.shares'; shares: number; weightLinear: number; weightLogQuadratic: number; formulas: typeof FORMULAS}
  | {from: 'cpu.weight'; weight: number; sharesLinear: number; sharesLogQuadratic: number; formulas: typeof FORMULAS}

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
    formulas: FORMULAS,
  }
}
