// bigToUnits must give the correctly rounded quotient, as a plain division of the exact values would:
// 1740787403 ns (a real v1 throttled_time) is 1.740787403 s, not 1.7407874030000001 (whole + rest / per
// rounds twice). Above 2^53 it keeps the integer part exact.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bigToUnits} from '../../src/parse/u64.js'

test('ns -> s and us -> s are the correctly rounded quotient below 2^53', () => {
  for (const ns of [0n, 1n, 194779659n, 1740787403n, 1873612345n, 123456789012345n])
    assert.is(bigToUnits(ns, 1_000_000_000n), Number(ns) / 1e9)
  assert.is(bigToUnits(1740787403n, 1_000_000_000n), 1.740787403)
  assert.is(bigToUnits(1873612n, 1_000_000n), 1.873612)
})

test('above 2^53 the integer part survives', () => {
  const v = (1n << 60n) + 5n // ns
  assert.is(Math.floor(bigToUnits(v, 1_000_000_000n)), Number(v / 1_000_000_000n))
})

test.run()
