// A private cgroup namespace, as a container runtime makes one on cgroup v2 (unshare -C -m, then cgroup2
// mounted afresh at /sys/fs/cgroup): the cgroup is "/", the namespace "private", and the limits are the
// namespace root's own files. Also captured: the fixture qemu-v2-private-limits (test/v2vm/make-fixture.ts).
import * as assert from 'uvu/assert'
import {replayOwns} from '../lib/capture.js'
import {expectLimit, MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'private-ns'
export const LIMITS = {quotaUs: 150_000, periodUs: 100_000, memoryMax: 200 * MiB, pidsMax: 50}

function expectOwnLimits(r: any): void {
  assert.equal([r.cgroup.version, r.cgroup.path, r.cgroup.namespace], ['v2', '/', 'private'])
  expectLimit(r.cpu.limit, {state: 'limited', value: 1.5, source: '/sys/fs/cgroup/cpu.max'}, 'cpu.limit')
  assert.equal([r.cpu.quotaUs, r.cpu.periodUs], [LIMITS.quotaUs, LIMITS.periodUs])
  expectLimit(
    r.memory.limit,
    {state: 'limited', value: LIMITS.memoryMax, source: '/sys/fs/cgroup/memory.max'},
    'memory',
  )
  expectLimit(r.pids.limit, {state: 'limited', value: LIMITS.pidsMax, source: '/sys/fs/cgroup/pids.max'}, 'pids')
}

export default {
  id: ID,
  title: 'a private cgroup namespace with cgroup2 mounted afresh',
  timeoutSeconds: 1200,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO/app cpu.max "${LIMITS.quotaUs} ${LIMITS.periodUs}"
put $SCENARIO/app memory.max ${LIMITS.memoryMax}
put $SCENARIO/app pids.max ${LIMITS.pidsMax}
emit cgroup incg $SCENARIO/app inprivate cat /proc/self/cgroup
emit owns incg $SCENARIO/app inprivate gv owns --json
emit capture incg $SCENARIO/app inprivate gv capture /tmp/capture-$SCENARIO --json --note "qemu cgroup v2 VM (test/v2vm), kernel $(uname -r); private cgroupns + cgroup2 mounted afresh (unshare -C -m) rooted at /${ID}/app: cpu.max ${LIMITS.quotaUs} ${LIMITS.periodUs}, memory.max ${LIMITS.memoryMax}, pids.max ${LIMITS.pidsMax}"
emit capture-tgz tar -czf - -C /tmp/capture-$SCENARIO .
`,
  checks: {
    'the namespace is what a runtime makes: /proc/self/cgroup is 0::/': (o) => {
      assert.equal(o.text('cgroup').trim(), '0::/')
    },
    'owns --json: private namespace, the own limits from /sys/fs/cgroup': (o) => {
      expectOwnLimits(o.json('owns'))
    },
    'capture: the replay check in the VM passed': (o) => {
      assert.equal(o.json('capture').replayMatches, true, o.text('capture'))
    },
    'capture replayed on the host (--root): the same limits and sources': (o) => {
      expectOwnLimits(replayOwns(o, 'capture-tgz'))
    },
  },
} satisfies Scenario
