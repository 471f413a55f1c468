// bench/startup.mjs's method: each round runs the rows in a new order, and a ratio's 95% interval comes from
// resampled rounds (bench/lib/interleave.mjs). A goal counts as met only under the whole interval, so the
// interval must hold the ratio of the medians, shrink to it where every round agrees, and widen with the noise.
import fc from 'fast-check'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {random as seeded} from '../helpers/sample.js'

// A plain .mjs of the bench (no types, and not in the fast loop's compiled copy): loaded from the checkout.
type Interleave = {
  median: (values: number[]) => number
  ratioInterval: (row: number[], floor: number[], random?: () => number, resamples?: number) => [number, number]
  roundRatio: (
    row: number[],
    floor: number[],
    random?: () => number,
    resamples?: number,
  ) => {ratio: number; interval: [number, number]}
  shuffled: (n: number, random?: () => number) => number[]
}
const {median, ratioInterval, roundRatio, shuffled} = (await import(
  pathToFileURL(join(REPO, 'bench', 'lib', 'interleave.mjs')).href
)) as Interleave

test('interleave: each round order is a permutation of the rows', () => {
  fc.assert(
    fc.property(fc.integer({min: 0, max: 40}), fc.integer(), (n, seed) => {
      const order = shuffled(n, seeded(seed))
      assert.equal(
        [...order].sort((a, b) => a - b),
        Array.from({length: n}, (_, i) => i),
      )
    }),
  )
})

test('interleave: rounds that all agree give an interval of one point', () => {
  const floor = Array.from({length: 30}, () => 80)
  const row = floor.map((ms) => ms * 1.25)
  assert.equal(ratioInterval(row, floor, seeded(1)), [1.25, 1.25])
})

test('interleave: the interval holds the ratio of the medians, and noise widens it', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({min: 50, max: 150, noNaN: true}), {minLength: 10, maxLength: 40}),
      fc.double({min: 1, max: 3, noNaN: true}),
      fc.integer(),
      (floor, factor, seed) => {
        const random = seeded(seed)
        const row = floor.map((ms) => ms * factor * (0.9 + 0.2 * random()))
        const [lo, hi] = ratioInterval(row, floor, random, 500)
        const ratio = median(row) / median(floor)
        // The resampled medians are order statistics of the same rounds: the point ratio is not always inside
        // the 2.5-97.5 percentiles for tiny samples, but the interval is ordered and near it.
        assert.ok(lo <= hi)
        assert.ok(lo <= ratio * 1.25 && hi >= ratio / 1.25, `${lo}-${hi} against ${ratio}`)
      },
    ),
    {numRuns: 50},
  )
  const quiet = Array.from({length: 40}, (_, i) => 80 + (i % 3))
  const calm = quiet.map((ms) => ms * 1.3)
  const noisy = quiet.map((ms, i) => ms * 1.3 * (i % 2 ? 1.2 : 0.85))
  const width = ([lo, hi]: number[]) => hi! - lo!
  assert.ok(width(ratioInterval(noisy, quiet, seeded(2))) > width(ratioInterval(calm, quiet, seeded(2))))
})

test('interleave: round by round, a speed the rounds share cancels, whatever it is', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({min: 30, max: 300, noNaN: true}), {minLength: 5, maxLength: 60}),
      fc.double({min: 1, max: 3, noNaN: true}),
      fc.integer(),
      (floor, factor, seed) => {
        // Each round's row took `factor` times that round's floor: the machine's speed moved between rounds only.
        const row = floor.map((ms) => ms * factor)
        const {ratio, interval} = roundRatio(row, floor, seeded(seed), 200)
        for (const r of [ratio, ...interval]) assert.ok(Math.abs(r - factor) < 1e-9, `${r} against ${factor}`)
      },
    ),
    {numRuns: 50},
  )
})

test('interleave: round by round, the interval is narrower where the drift is shared, and widens with noise', () => {
  const random = seeded(3)
  // A machine whose speed drifts from round to round (a floor of 60 to 95 ms), and a row 1.25x with 3% noise.
  const floor = Array.from({length: 60}, (_, i) => 60 + 35 * Math.abs(Math.sin(i / 7)))
  const row = floor.map((ms) => ms * 1.25 * (0.97 + 0.06 * random()))
  const width = ([lo, hi]: number[]) => hi! - lo!
  const paired = roundRatio(row, floor, seeded(4))
  assert.ok(paired.interval[0] <= 1.25 && paired.interval[1] >= 1.25, `${paired.interval}`)
  assert.ok(width(paired.interval) < width(ratioInterval(row, floor, seeded(4))) / 2)
  const noisier = floor.map((ms) => ms * 1.25 * (0.8 + 0.4 * random()))
  assert.ok(width(roundRatio(noisier, floor, seeded(4)).interval) > width(paired.interval))
})

test.run()
