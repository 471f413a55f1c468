// test/helpers/limits.ts's assertLimitsUnsupported must fail where any of the three limits is not an
// unsupported unknown (a helper that always passes would hide the regression it is there to catch).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {limited, unknown, type Limit} from '../../src/model/limit.js'
import {assertLimitsUnsupported} from '../helpers/limits.js'

const NOT_BELOW = '/../sibling is not below the mount root / of /sys/fs/cgroup'
const report = (cpu: Limit, memory: Limit, pids: Limit) => ({
  cpu: {limit: cpu},
  memory: {limit: memory},
  pids: {limit: pids},
})
const unplaced = unknown(NOT_BELOW, null, 'unsupported')

/** Whether `check` failed an assertion (uvu's assert.throws passes an Assertion on as the test's failure). */
function failsAssertion(check: () => void): boolean {
  try {
    check()
  } catch (e) {
    return e instanceof assert.Assertion
  }
  return false
}

test('passes where all three are unsupported, with and without a reason to match', () => {
  const r = report(unplaced, unplaced, unplaced)
  assertLimitsUnsupported(r)
  assertLimitsUnsupported(r, /not below the mount root/)
})

test('fails on a limit found, an unknown of another kind, or a reason that does not match', () => {
  const cases: [string, Limit, Limit, Limit, RegExp?][] = [
    ['pids limited', unplaced, unplaced, limited(50, '/sys/fs/cgroup/pids/pids.max')],
    ['memory absent', unplaced, unknown('no memory controller is mounted'), unplaced],
    ['cpu reason', unknown('elsewhere', null, 'unsupported'), unplaced, unplaced, /not below/],
  ]
  for (const [what, cpu, memory, pids, reason] of cases) {
    const r = report(cpu, memory, pids)
    assert.ok(
      failsAssertion(() => assertLimitsUnsupported(r, reason)),
      what,
    )
  }
})

test.run()
