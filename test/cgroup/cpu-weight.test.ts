// cpu.shares (cgroup v1, 2..262144) <-> cpu.weight (cgroup v2, 1..10000), checked against the runtimes'
// own conversions, written here from their source and docs (not from src/cgroup/cpu-weight.ts):
//
// Linear: runc < 1.3.2 (libcontainer/cgroups/utils.go, later opencontainers/cgroups utils.go before
//   fd95216, 2025-06-05) and crun < 1.23, in Go uint64 arithmetic:
//     return (1 + ((cpuShares-2)*9999)/262142)
//   ("the formula for cpuShares is y = (1 + ((x - 2) * 9999) / 262142), convert from [2-262144] to [1-10000]").
// Log-quadratic: runc >= 1.3.2 (opencontainers/cgroups fd95216 "ConvertCPUSharesToCgroupV2Value: improve")
//   and crun >= 1.23 (src/libcrun/cgroup-internal.h convert_shares_to_weight; crun.1.md:
//   "y=10^((log2(x)^2 + 125 * log2(x)) / 612.0 - 7.0 / 34.0)"):
//     if cpuShares <= 2 { return 1 };  if cpuShares >= 262144 { return 10000 }
//     l := math.Log2(float64(cpuShares));  exponent := (l*l+125*l)/612.0 - 7.0/34.0
//     return uint64(math.Ceil(math.Pow(10, exponent)))
//   runc's own test cases: 2 -> 1, 3 -> 2, 1024 -> 100, 262143 -> 10000, 262144 -> 10000.
//
// Go's math.Pow, glibc's pow (crun) and V8's Math.pow may differ in the last bit. That cannot change a ceil
// here: over every shares value but 1024 (whose exponent is exactly 2), 10^exponent stays at least 2e-6 away
// from an integer (nearest: 116225 shares), a million times more than the last bit of a double below 10^4.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {
  fromShares,
  fromWeight,
  sharesFromWeightLinear,
  sharesFromWeightLogQuadratic,
  sharesRangeLinear,
  sharesRangeLogQuadratic,
  weightLinear,
  weightLogQuadratic,
} from '../../src/cgroup/cpu-weight.js'

const SHARES_MAX = 262144

/** runc < 1.3.2, as Go computes it: uint64 multiplication and flooring division. */
function runcLinear(shares: number): number {
  return Number(1n + ((BigInt(shares) - 2n) * 9999n) / 262142n)
}

/** runc >= 1.3.2 / crun >= 1.23, step by step as in their source. */
function runcLogQuadratic(shares: number): number {
  if (shares <= 2) return 1
  if (shares >= 262144) return 10000
  const l = Math.log2(shares)
  const exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0
  return Math.ceil(Math.pow(10, exponent))
}

/** For each weight, the shares (min..max) the formula maps to it: every shares value 2..262144, tried. */
function preimages(formula: (shares: number) => number): Map<number, {min: number; max: number}> {
  const out = new Map<number, {min: number; max: number}>()
  for (let s = 2; s <= SHARES_MAX; s++) {
    const w = formula(s)
    const r = out.get(w)
    if (r) r.max = s
    else out.set(w, {min: s, max: s})
  }
  return out
}

const LINEAR = preimages(runcLinear)
const LOG_QUADRATIC = preimages(runcLogQuadratic)

test('the oracles: the points runc and the Kubernetes docs state', () => {
  assert.equal([2, 1024, 2597, 2598, 262144].map(runcLinear), [1, 39, 99, 100, 10000])
  assert.equal([2, 3, 1024, 262143, 262144].map(runcLogQuadratic), [1, 2, 100, 10000, 10000])
})

test('both formulas reach every weight 1..10000, each from a run of consecutive shares', () => {
  for (const [name, m] of [
    ['linear', LINEAR],
    ['log-quadratic', LOG_QUADRATIC],
  ] as const) {
    assert.is(m.size, 10000, name)
    let next = 2
    for (let w = 1; w <= 10000; w++) {
      const r = m.get(w)
      assert.ok(r, `${name}: weight ${w} is reached`)
      assert.is(r.min, next, `${name}: weight ${w} starts where weight ${w - 1} ended`)
      next = r.max + 1
    }
  }
})

test('shares -> weight: ours equals runc for every shares value 2..262144, under both formulas', () => {
  const wrong: string[] = []
  for (let s = 2; s <= SHARES_MAX; s++) {
    if (weightLinear(s) !== runcLinear(s)) wrong.push(`linear ${s}: ${weightLinear(s)} != ${runcLinear(s)}`)
    if (weightLogQuadratic(s) !== runcLogQuadratic(s))
      wrong.push(`log-quadratic ${s}: ${weightLogQuadratic(s)} != ${runcLogQuadratic(s)}`)
  }
  assert.equal(wrong.slice(0, 5), [], `${wrong.length} differ`)
})

test('weight -> shares range: for all 10000 weights, exactly the shares runc maps to that weight', () => {
  const wrong: string[] = []
  for (let w = 1; w <= 10000; w++) {
    const lin = sharesRangeLinear(w)
    const log = sharesRangeLogQuadratic(w)
    if (JSON.stringify(lin) !== JSON.stringify(LINEAR.get(w)))
      wrong.push(`linear ${w}: ${JSON.stringify(lin)} != ${JSON.stringify(LINEAR.get(w))}`)
    if (JSON.stringify(log) !== JSON.stringify(LOG_QUADRATIC.get(w)))
      wrong.push(`log-quadratic ${w}: ${JSON.stringify(log)} != ${JSON.stringify(LOG_QUADRATIC.get(w))}`)
  }
  assert.equal(wrong.slice(0, 5), [], `${wrong.length} weights differ`)
})

test('round trip over all 10000 weights: the one shares value shown maps back to the weight under runc', () => {
  const wrong: string[] = []
  for (let w = 1; w <= 10000; w++) {
    const lin = sharesFromWeightLinear(w)
    const log = sharesFromWeightLogQuadratic(w)
    if (runcLinear(lin) !== w) wrong.push(`linear ${w} -> ${lin} shares -> ${runcLinear(lin)}`)
    if (runcLogQuadratic(log) !== w) wrong.push(`log-quadratic ${w} -> ${log} shares -> ${runcLogQuadratic(log)}`)
  }
  assert.equal(wrong.slice(0, 5), [], `${wrong.length} weights do not come back`)
})

test('weight 39 (1 CPU of Kubernetes on an old runtime) is 999..1024 shares, which holds the 1024 it came from', () => {
  assert.equal(sharesRangeLinear(39), {min: 999, max: 1024})
  assert.equal(sharesRangeLogQuadratic(39), {min: 295, max: 305})
})

test('weight 100 (the v2 default): 2598..2623 shares under the linear formula, 1012..1024 under the new one', () => {
  const r = fromWeight(100)
  assert.ok(r.from === 'cpu.weight')
  if (r.from !== 'cpu.weight') return
  assert.equal(r.sharesRangeLinear, {min: 2598, max: 2623})
  assert.equal(r.sharesRangeLogQuadratic, {min: 1012, max: 1024})
  assert.equal([r.sharesLinear, r.sharesLogQuadratic], [2598, 1024])
})

test('the ends: weight 1 and 10000', () => {
  assert.equal(
    [sharesRangeLinear(1), sharesRangeLogQuadratic(1)],
    [
      {min: 2, max: 28},
      {min: 2, max: 2},
    ],
  )
  assert.equal(
    [sharesRangeLinear(10000), sharesRangeLogQuadratic(10000)],
    [
      {min: 262144, max: 262144},
      {min: 262115, max: 262144},
    ],
  )
})

test('shares -> weight keeps both readings (1024 shares: 39 linear, 100 log-quadratic)', () => {
  const r = fromShares(1024)
  assert.ok(r.from === 'cpu.shares' && r.weightLinear === 39 && r.weightLogQuadratic === 100)
})

test.run()
