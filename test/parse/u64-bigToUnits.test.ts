// bigToUnits must give the correctly rounded quotient, as a plain division of the exact values would:
// 1740787403 ns (a real v1 throttled_time) is 1.740787403 s, not 1.7407874030000001 (whole + rest / per
// rounds twice). Above 2^53 it keeps the integer part exact.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bigToUnits} from '../../src/parse/u64.js'

// Each expected value is the decimal quotient written out: the literal is the double nearest to it, which
// is what a correctly rounded division gives.
const cases: [bigint, bigint, number][] = [
  [0n, 1_000_000_000n, 0],
  [1n, 1_000_000_000n, 0.000000001],
  [194779659n, 1_000_000_000n, 0.194779659],
  [1740787403n, 1_000_000_000n, 1.740787403],
  [1873612345n, 1_000_000_000n, 1.873612345],
  [123456789012345n, 1_000_000_000n, 123456.789012345],
  [1873612n, 1_000_000n, 1.873612],
]

test('ns -> s and us -> s are the correctly rounded quotient below 2^53', () => {
  for (const [value, per, want] of cases) assert.is(bigToUnits(value, per), want, `${value} / ${per}`)
})

test('above 2^53 the integer part survives', () => {
  // 2^60 + 5 ns = 1152921504606846981 ns = 1152921504.606846981 s
  assert.is(Math.floor(bigToUnits((1n << 60n) + 5n, 1_000_000_000n)), 1152921504)
})

test.run()
