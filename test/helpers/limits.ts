// Assertions on an owns report's three limits, for the tests where this process's cgroup cannot be placed
// (a cgroup outside the namespace's root): a fixture tree (test/cgroup/discover) and a live one
// (test/integration/cgroupns-v1).
import * as assert from 'uvu/assert'
import type {Limit} from '../../src/model/limit.js'

/** cpu, memory and pids limits are each unknown of kind "unsupported"; each reason matches `reason` if given. */
export function assertLimitsUnsupported(
  r: {cpu: {limit: Limit}; memory: {limit: Limit}; pids: {limit: Limit}},
  reason?: RegExp,
): void {
  for (const [name, limit] of [
    ['cpu', r.cpu.limit],
    ['memory', r.memory.limit],
    ['pids', r.pids.limit],
  ] as const) {
    assert.is(limit.state, 'unknown', `${name}: ${JSON.stringify(limit)}`)
    if (limit.state === 'unknown') {
      assert.is(limit.kind, 'unsupported', name)
      if (reason) assert.match(limit.reason, reason, name)
    }
  }
}
