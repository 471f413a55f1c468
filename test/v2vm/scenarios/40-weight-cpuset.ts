// A weight with a cpuset and no quota: cpu.weight as set, the cpuset's one CPU, and effective cores 1
// (min of no quota, a cpuset of 1 and 2 online CPUs).
import * as assert from 'uvu/assert'
import type {Scenario} from '../lib/scenario.js'

const ID = 'weight-cpuset'
const WEIGHT = 50
const CPUS = '1'

export default {
  id: ID,
  title: 'cpu.weight with a cpuset',
  timeoutSeconds: 900,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO/app cpu.weight ${WEIGHT}
put $SCENARIO/app cpuset.cpus ${CPUS}
emit effective cat $CG/$SCENARIO/app/cpuset.cpus.effective
emit owns incg $SCENARIO/app gv owns --json
`,
  checks: {
    'the kernel applied the cpuset': (o) => {
      assert.equal(o.text('effective').trim(), CPUS)
    },
    'owns --json: cpu.weight, the cpuset and effective cores': (o) => {
      const r = o.json('owns')
      assert.equal(r.cgroup.path, `/${ID}/app`)
      assert.equal(r.cpu.weight, WEIGHT)
      assert.equal(r.cpu.shares, null)
      assert.equal(r.cpu.cpuset, [1])
      assert.equal(r.cpu.hostCpus, 2)
      assert.equal(r.cpu.effectiveCores, 1)
    },
    'owns --json: no quota is "unlimited", never a number': (o) => {
      const r = o.json('owns')
      assert.equal(r.cpu.limit.state, 'unlimited')
      assert.equal(r.cpu.limit.value, null)
    },
  },
} satisfies Scenario
