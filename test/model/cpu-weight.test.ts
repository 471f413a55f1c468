// cpu.shares (cgroup v1, 2..262144, default 1024) <-> cpu.weight (cgroup v2, 1..10000, default 100), with the
// values the runtimes document, written out; never the formula again.
//
// Linear: runc < 1.3.2 (libcontainer/cgroups/utils.go ConvertCPUSharesToCgroupV2Value) and crun < 1.23:
//   weight = 1 + ((shares - 2) * 9999) / 262142, in integer arithmetic (Go uint64 division floors).
//   2 -> 1 + 0 = 1; 1024 -> 1 + 10218978 / 262142 = 1 + 38 = 39; 2597 -> 1 + 25947405 / 262142 = 1 + 98 = 99;
//   2598 -> 1 + 25957404 / 262142 = 1 + 99 = 100; 2623 -> 1 + 26207379 / 262142 = 100;
//   2624 -> 1 + 26217378 / 262142 = 101; 262144 -> 1 + 2621157858 / 262142 = 1 + 9999 = 10000.
// Log-quadratic: runc >= 1.3.2 (opencontainers/runc#4785) and crun >= 1.23 (containers/crun#1767), as the
//   Kubernetes blog "New conversion from cgroup v1 CPU shares to v2 CPU weight" (2025-10-25) states it:
//   weight = ceil(10^(L^2/612 + 125 L/612 - 7/34)), L = log2(shares): the ends 2 -> 1 and 262144 -> 10000
//   stay, and the defaults meet: 1024 -> 100 (L = 10: (100 + 1250) / 612 - 7/34 = 2 exactly).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {
  sharesFromWeightLinear,
  sharesFromWeightLogQuadratic,
  weightLinear,
  weightLogQuadratic,
} from '../../src/model/cpu-weight.js'

const linear: [shares: number, weight: number][] = [
  [2, 1],
  [1024, 39],
  [2597, 99],
  [2598, 100],
  [2623, 100],
  [2624, 101],
  [262144, 10000],
]
const logQuadratic: [shares: number, weight: number][] = [
  [2, 1],
  [1024, 100],
  [262144, 10000],
]

for (const [shares, weight] of linear) {
  test(`linear (runc < 1.3.2): ${shares} shares -> weight ${weight}`, () => assert.is(weightLinear(shares), weight))
}
for (const [shares, weight] of logQuadratic) {
  test(`log-quadratic (runc >= 1.3.2): ${shares} shares -> weight ${weight}`, () =>
    assert.is(weightLogQuadratic(shares), weight))
}

test('out-of-range shares are clamped to the kernel range first (0 and 1 -> 2, above 2^18 -> 262144)', () => {
  assert.is(weightLinear(0), 1)
  assert.is(weightLogQuadratic(1), 1)
  assert.is(weightLinear(1_000_000), 10000)
  assert.is(weightLogQuadratic(1_000_000), 10000)
})

// The other way: a v2 weight comes from a range of shares (both formulas round). The shares shown must be
// ones the runtime turns into that weight, the one nearest the formula's exact inverse.
test('weight 100 (the v2 default) is 2598 shares under the linear formula (2597 would give 99), 1024 under the new', () => {
  assert.is(sharesFromWeightLinear(100), 2598)
  assert.is(sharesFromWeightLogQuadratic(100), 1024)
})

test('weight 39 (1 CPU of Kubernetes on an old runtime: 1024 shares) is 999..1024 shares; the lowest is shown', () => {
  assert.is(sharesFromWeightLinear(39), 999)
  assert.is(weightLinear(998), 38)
})

test('the ends: weight 1 is 2 shares and weight 10000 is 262144, under both formulas', () => {
  assert.equal([sharesFromWeightLinear(1), sharesFromWeightLogQuadratic(1)], [2, 2])
  assert.equal([sharesFromWeightLinear(10000), sharesFromWeightLogQuadratic(10000)], [262144, 262144])
})

test('every weight 1..10000: the shares shown give that weight back under the same formula', () => {
  const wrong: string[] = []
  for (let w = 1; w <= 10000; w++) {
    const lin = sharesFromWeightLinear(w)
    const log = sharesFromWeightLogQuadratic(w)
    if (weightLinear(lin) !== w) wrong.push(`linear ${w} -> ${lin} shares -> ${weightLinear(lin)}`)
    if (weightLogQuadratic(log) !== w) wrong.push(`log-quadratic ${w} -> ${log} shares -> ${weightLogQuadratic(log)}`)
  }
  assert.equal(wrong.slice(0, 5), [], `${wrong.length} weights do not come back`)
})

test.run()
