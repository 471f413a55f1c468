// The hidden-ancestor case (issue 12 item 2): a private cgroup namespace whose own limits are memory.max
// 512 MiB and cpu.max 1 core, under a parent (invisible from inside) at 128 MiB and 0.25 cores. An
// allocation that passes 128 MiB is OOM-killed, and guestview itself is throttled by the parent while it
// runs. The checks assert that the parent really binds (from outside the namespace), that every limit read
// inside carries the hiddenAncestors caveat, and that `report` raises hidden-ancestor-limit with evidence for
// both (issue 12 item 2). Linux 6.1 has no cpu.stat.local, so the CPU evidence is cpu.pressure (a hint).
import * as assert from 'uvu/assert'
import {expectLimit, MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'hidden-ancestor'
const PARENT = {quotaUs: 25_000, periodUs: 100_000, memoryMax: 128 * MiB}
const OWN = {quotaUs: 100_000, periodUs: 100_000, memoryMax: 512 * MiB}

type Evidence = {resource: string; signal: string; strength: string; values: Record<string, number | null>}

function hiddenAncestorEvidence(o: Parameters<Scenario['checks'][string]>[0]): Evidence[] {
  const found = o.json('report').findings.filter((f: {id: string}) => f.id === 'hidden-ancestor-limit')
  assert.equal(found.length, 1, `one hidden-ancestor-limit finding: ${JSON.stringify(o.json('report').findings)}`)
  return found[0].owned.evidence
}

export default {
  id: ID,
  title: 'limits hidden above a private cgroup namespace',
  mode: 'background',
  timeoutSeconds: 1500,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO cpu.max "${PARENT.quotaUs} ${PARENT.periodUs}"
put $SCENARIO memory.max ${PARENT.memoryMax}
put $SCENARIO/app cpu.max "${OWN.quotaUs} ${OWN.periodUs}"
put $SCENARIO/app memory.max ${OWN.memoryMax}
emit hog incg $SCENARIO/app awk 'BEGIN { s = "x"; while (1) s = s s }'
emit report incg $SCENARIO/app inprivate gv report --json
emit parent-cpu.stat cat $CG/$SCENARIO/cpu.stat
emit own-cpu.stat cat $CG/$SCENARIO/app/cpu.stat
emit parent-memory.events cat $CG/$SCENARIO/memory.events
emit own-memory.events cat $CG/$SCENARIO/app/memory.events
emit own-cpu.pressure cat $CG/$SCENARIO/app/cpu.pressure
`,
  checks: {
    "the parent's CPU quota binds: it throttled, the own 1-core quota hardly ever": (o) => {
      // The own quota can throttle a few periods (node's threads on 2 vCPUs); the parent's throttles most.
      const parent = o.flat('parent-cpu.stat')
      const own = o.flat('own-cpu.stat')
      assert.ok(
        parent.nr_throttled! > 10 * own.nr_throttled!,
        `parent ${o.text('parent-cpu.stat')} own ${o.text('own-cpu.stat')}`,
      )
      assert.ok(parent.nr_throttled! * 2 > parent.nr_periods!, `parent throttled in under half its periods`)
    },
    "the parent's memory.max binds: an OOM kill while the own memory.max was never reached": (o) => {
      assert.equal(o.get('hog').exit, 137, 'exit of the allocating process')
      const own = o.flat('own-memory.events')
      assert.ok(own.oom_kill! >= 1, o.text('own-memory.events'))
      assert.equal(own.max, 0, 'own memory.events max')
      assert.ok(o.flat('parent-memory.events').max! > 0, o.text('parent-memory.events'))
    },
    'report --json today: private namespace, the own (visible) limits': (o) => {
      const r = o.json('report')
      assert.equal([r.cgroup.version, r.cgroup.path, r.cgroup.namespace], ['v2', '/', 'private'])
      expectLimit(r.cpu.limit, {state: 'limited', value: 1, source: '/sys/fs/cgroup/cpu.max'}, 'cpu.limit')
      expectLimit(
        r.memory.limit,
        {state: 'limited', value: OWN.memoryMax, source: '/sys/fs/cgroup/memory.max'},
        'memory',
      )
      assert.ok(r.memory.oomKills >= 1, `memory.oomKills ${r.memory.oomKills}`)
    },
    'every limit carries a structured hidden-ancestor caveat': (o) => {
      const r = o.json('report')
      for (const key of ['cpu', 'memory', 'pids']) {
        const caveat = r[key].limit.hiddenAncestors
        assert.equal(
          [caveat?.why, caveat?.visibleTop, typeof caveat?.reason],
          ['private-cgroupns', '/sys/fs/cgroup', 'string'],
          `${key}.limit: ${JSON.stringify(r[key].limit)}`,
        )
      }
    },
    'hidden-ancestor-limit finding with the CPU evidence': (o) => {
      // 6.1 has no cpu.stat.local: the parent's throttling shows as CPU pressure (throttled tasks stay
      // runnable to PSI) while the own 1-core quota hardly throttles.
      const all = hiddenAncestorEvidence(o)
      const cpu = all.find((e) => e.resource === 'cpu')
      const facts = `evidence ${JSON.stringify(all)}; own cpu.pressure after: ${o.text('own-cpu.pressure')}; own cpu.stat: ${o.text('own-cpu.stat')}`
      assert.ok(cpu && ['cpu.stat.local', 'cpu.pressure'].includes(cpu.signal), facts)
      if (cpu.signal === 'cpu.pressure') assert.ok((cpu.values.pressureAvg10 ?? 0) >= 10, facts)
    },
    'hidden-ancestor-limit finding with the memory evidence': (o) => {
      // The OOM kill counted in the own memory.events, whose max and oom stayed 0: the parent's limit ran out.
      const all = hiddenAncestorEvidence(o)
      const mem = all.find((e) => e.signal === 'oom-kill')
      assert.ok(mem, `evidence ${JSON.stringify(all)}; own memory.events: ${o.text('own-memory.events')}`)
      assert.is(mem.strength, 'strong')
      assert.ok(
        mem.values.oomKills! >= 1 && mem.values.oomKills! <= o.flat('own-memory.events').oom_kill!,
        JSON.stringify(mem),
      )
      assert.equal([mem.values.topMax, mem.values.topOom], [0, 0])
    },
  },
} satisfies Scenario
