// A process in a sibling cgroup, read from a private cgroup namespace (issue 12 item 1). A shell enters a
// private cgroupns rooted at ns-root (with cgroup2 mounted afresh, so the mount shows ns-root), then the
// VM's /init moves it to the sibling cgroup next to ns-root. From inside, the kernel writes its cgroup
// relative to the namespace root: "0::/../sibling". guestview must not place that under the mount: before
// the fix, /sys/fs/cgroup/../sibling resolved to the mount point (ns-root's files) and ns-root's limits
// were reported as the process's own.
import * as assert from 'uvu/assert'
import {MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'sibling-dotdot'
const NS_ROOT = {quotaUs: 50_000, periodUs: 100_000, memoryMax: 256 * MiB, pidsMax: 50}
const SIBLING = {quotaUs: 90_000, periodUs: 100_000, memoryMax: 160 * MiB, pidsMax: 40}

export default {
  id: ID,
  title: "a sibling cgroup's process read from a private cgroupns ('..' in its path)",
  timeoutSeconds: 900,
  guest: `
mkcg $SCENARIO/ns-root
mkcg $SCENARIO/sibling
put $SCENARIO/ns-root cpu.max "${NS_ROOT.quotaUs} ${NS_ROOT.periodUs}"
put $SCENARIO/ns-root memory.max ${NS_ROOT.memoryMax}
put $SCENARIO/ns-root pids.max ${NS_ROOT.pidsMax}
put $SCENARIO/sibling cpu.max "${SIBLING.quotaUs} ${SIBLING.periodUs}"
put $SCENARIO/sibling memory.max ${SIBLING.memoryMax}
put $SCENARIO/sibling pids.max ${SIBLING.pidsMax}
d=/tmp/.gv-$SCENARIO
mkdir -p $d
# Inside: say our PID, wait to be moved, then read our cgroup and run guestview (both forked after the move).
emit owns incg $SCENARIO/ns-root inprivate sh -c 'echo $$ >'$d'/pid; while [ ! -e '$d'/go ]; do usleep 50000; done; cat /proc/self/cgroup >'$d'/cgroup; exec gv owns --json' &
job=$!
i=0
while [ ! -s $d/pid ] && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
put $SCENARIO/sibling cgroup.procs "$(cat $d/pid)"
touch $d/go
wait $job
emit cgroup cat $d/cgroup
`,
  checks: {
    'inside the namespace, the moved process reads its cgroup as /../sibling': (o) => {
      assert.equal(o.text('cgroup').trim(), '0::/../sibling')
    },
    'owns --json: the path is not placed, and no limit of ns-root is reported as its own': (o) => {
      const r = o.json('owns')
      assert.equal([r.cgroup.version, r.cgroup.path, r.cgroup.namespace], ['v2', '/../sibling', 'private'])
      for (const h of r.cgroup.hierarchies) {
        assert.is(h.dir, null, `${h.mountPoint}: not placed (${JSON.stringify(h)})`)
        assert.match(h.problem ?? '', /\/\.\.\/sibling is not below the mount root \//)
      }
      for (const key of ['cpu', 'memory', 'pids']) {
        const limit = r[key].limit
        assert.is(limit.state, 'unknown', `${key}.limit: ${JSON.stringify(limit)}`)
        assert.ok(typeof limit.reason === 'string' && limit.reason.length > 0, `${key}.limit has a reason`)
      }
      assert.is(r.cpu.effectiveCores, null)
    },
  },
} satisfies Scenario
