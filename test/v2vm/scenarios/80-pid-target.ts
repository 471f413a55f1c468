// `--pid` of a process in another cgroup (issue 8): guestview in one cgroup, reporting on a process in a
// sibling with its own limits, on real cgroup v2.
import * as assert from 'uvu/assert'
import {MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'pid-target'
const TARGET = {quotaUs: 30_000, periodUs: 100_000, memoryMax: 100 * MiB, pidsMax: 20}

export default {
  id: ID,
  title: '--pid of a process in another cgroup',
  timeoutSeconds: 900,
  guest: `
mkcg $SCENARIO/app
mkcg $SCENARIO/observer
put $SCENARIO/app cpu.max "${TARGET.quotaUs} ${TARGET.periodUs}"
put $SCENARIO/app memory.max ${TARGET.memoryMax}
put $SCENARIO/app pids.max ${TARGET.pidsMax}
incg $SCENARIO/app sleep 3600 &
target=$!
emit target-pid echo $target
emit target-cgroup cat /proc/$target/cgroup
emit owns incg $SCENARIO/observer gv owns --json --pid $target
`,
  checks: {
    'the target runs in its own cgroup': (o) => {
      assert.equal(o.text('target-cgroup').trim(), `0::/${ID}/app`)
    },
    'owns --pid reports the target and its limits': (o) => {
      const pid = Number(o.text('target-pid'))
      const r = o.json('owns')
      assert.equal(r.target?.pid, pid, 'target.pid')
      assert.equal(r.cgroup.path, `/${ID}/app`)
      const limit = (l: any) => [l.state, l.value, /\/pid-target\/app\/[a-z.]+$/.test(l.source)]
      assert.equal(limit(r.cpu.limit), ['limited', 0.3, true], `cpu.limit ${JSON.stringify(r.cpu.limit)}`)
      assert.equal(limit(r.memory.limit), ['limited', TARGET.memoryMax, true], JSON.stringify(r.memory.limit))
      assert.equal(limit(r.pids.limit), ['limited', TARGET.pidsMax, true], JSON.stringify(r.pids.limit))
    },
  },
} satisfies Scenario
