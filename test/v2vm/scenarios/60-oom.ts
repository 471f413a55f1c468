// An allocation past memory.max: the kernel OOM-kills it (memory.events oom_kill), and in the same cgroup
// afterwards `owns --json` counts the kill and `check --json` raises oom-killed. The allocator is awk
// doubling a string, so no extra program is needed in the VM.
import * as assert from 'uvu/assert'
import {expectLimit, MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'oom'
const MEMORY_MAX = 128 * MiB

export default {
  id: ID,
  title: 'an allocation past memory.max',
  timeoutSeconds: 1200,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO/app memory.max ${MEMORY_MAX}
emit hog incg $SCENARIO/app awk 'BEGIN { s = "x"; while (1) s = s s }'
emit memory.events cat $CG/$SCENARIO/app/memory.events
emit owns incg $SCENARIO/app gv owns --json
emit check incg $SCENARIO/app gv check --json
`,
  checks: {
    'the allocation was OOM-killed (SIGKILL) and memory.events counts it': (o) => {
      assert.equal(o.get('hog').exit, 137, 'exit of the allocating process')
      assert.ok(o.flat('memory.events').oom_kill! >= 1, o.text('memory.events'))
    },
    'owns --json: the OOM kill counted, the limit from memory.max': (o) => {
      const r = o.json('owns')
      assert.equal(r.memory.oomKills, o.flat('memory.events').oom_kill)
      expectLimit(
        r.memory.limit,
        {state: 'limited', value: MEMORY_MAX, source: `/sys/fs/cgroup/${ID}/app/memory.max`},
        'memory',
      )
    },
    'check --json: the oom-killed finding, crit': (o) => {
      const f = o.json('check', [0, 1]).findings.find((x: {id: string}) => x.id === 'oom-killed')
      assert.ok(f, 'no oom-killed finding')
      assert.equal(f.severity, 'crit')
    },
  },
} satisfies Scenario
