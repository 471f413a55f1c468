// A parent tighter than its child, host cgroup namespace (a pod-level limit above a container's): the
// tightest limit wins and its source is the parent's file. The cgroup is also captured with
// `guestview capture` and brought out as the fixture qemu-v2-hostns-parent-tighter (test/v2vm/make-fixture.ts).
import * as assert from 'uvu/assert'
import {replayOwns} from '../lib/capture.js'
import {expectLimit, MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'parent-tighter'
export const PARENT = {quotaUs: 100_000, periodUs: 100_000, memoryMax: 128 * MiB, pidsMax: 32}
export const CHILD = {quotaUs: 150_000, periodUs: 100_000, memoryMax: 512 * MiB, pidsMax: 100}
const parent = `/sys/fs/cgroup/${ID}`

export default {
  id: ID,
  title: 'a parent tighter than the child, host cgroupns',
  timeoutSeconds: 1200,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO cpu.max "${PARENT.quotaUs} ${PARENT.periodUs}"
put $SCENARIO memory.max ${PARENT.memoryMax}
put $SCENARIO pids.max ${PARENT.pidsMax}
put $SCENARIO/app cpu.max "${CHILD.quotaUs} ${CHILD.periodUs}"
put $SCENARIO/app memory.max ${CHILD.memoryMax}
put $SCENARIO/app pids.max ${CHILD.pidsMax}
emit owns incg $SCENARIO/app gv owns --json
emit capture incg $SCENARIO/app gv capture /tmp/capture-$SCENARIO --json --note "qemu cgroup v2 VM (test/v2vm), kernel $(uname -r), host cgroupns; /${ID}: cpu.max ${PARENT.quotaUs} ${PARENT.periodUs}, memory.max ${PARENT.memoryMax}, pids.max ${PARENT.pidsMax}; /${ID}/app: cpu.max ${CHILD.quotaUs} ${CHILD.periodUs}, memory.max ${CHILD.memoryMax}, pids.max ${CHILD.pidsMax}"
emit capture-tgz tar -czf - -C /tmp/capture-$SCENARIO .
`,
  checks: {
    'owns --json: the child, host namespace': (o) => {
      const r = o.json('owns')
      assert.equal([r.cgroup.version, r.cgroup.path, r.cgroup.namespace], ['v2', `/${ID}/app`, 'host'])
    },
    "owns --json: the parent's tighter limits, with the parent's files": (o) => {
      const r = o.json('owns')
      expectLimit(r.cpu.limit, {state: 'limited', value: 1, source: `${parent}/cpu.max`}, 'cpu.limit')
      assert.equal(
        [r.cpu.quotaUs, r.cpu.periodUs],
        [PARENT.quotaUs, PARENT.periodUs],
        'quota of the cgroup that sets it',
      )
      expectLimit(r.memory.limit, {state: 'limited', value: PARENT.memoryMax, source: `${parent}/memory.max`}, 'memory')
      expectLimit(r.pids.limit, {state: 'limited', value: PARENT.pidsMax, source: `${parent}/pids.max`}, 'pids.limit')
      assert.equal(r.cpu.effectiveCores, 1)
    },
    'capture: the replay check in the VM passed': (o) => {
      assert.equal(o.json('capture').replayMatches, true, o.text('capture'))
    },
    'capture replayed on the host (--root): the same limits and sources': (o) => {
      const r = replayOwns(o, 'capture-tgz')
      assert.equal([r.cgroup.version, r.cgroup.path, r.cgroup.namespace], ['v2', `/${ID}/app`, 'host'])
      expectLimit(r.cpu.limit, {state: 'limited', value: 1, source: `${parent}/cpu.max`}, 'cpu.limit')
      expectLimit(r.memory.limit, {state: 'limited', value: PARENT.memoryMax, source: `${parent}/memory.max`}, 'memory')
      expectLimit(r.pids.limit, {state: 'limited', value: PARENT.pidsMax, source: `${parent}/pids.max`}, 'pids.limit')
    },
  },
} satisfies Scenario
