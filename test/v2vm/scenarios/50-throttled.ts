// A busy loop under a 0.2-core quota: `diagnose --json` sees throttled time rising and answers cap-throttled,
// and cpu.stat counts throttled periods. guestview runs in the same cgroup, as `kubectl exec` would; the loop
// is reniced to 19 so that guestview gets most of the 0.2 cores while the loop keeps the quota used up.
import * as assert from 'uvu/assert'
import type {Scenario} from '../lib/scenario.js'

const ID = 'throttled'
const QUOTA_US = 20_000
const PERIOD_US = 100_000

export default {
  id: ID,
  title: 'a busy loop under 0.2 cores',
  mode: 'background',
  timeoutSeconds: 1500,
  guest: `
mkcg $SCENARIO/app
put $SCENARIO/app cpu.max "${QUOTA_US} ${PERIOD_US}"
incg $SCENARIO/app sh -c 'while :; do :; done' &
loop=$!
renice -n 19 -p $loop
emit diagnose incg $SCENARIO/app gv diagnose --json --interval 5
emit cpu.stat cat $CG/$SCENARIO/app/cpu.stat
kill $loop
`,
  checks: {
    'cpu.stat counts throttled periods': (o) => {
      const stat = o.flat('cpu.stat')
      assert.ok(stat.nr_throttled! > 0, `nr_throttled ${stat.nr_throttled}`)
    },
    'diagnose --json: cap-throttled, by the 0.2-core quota of this cgroup': (o) => {
      const d = o.json('diagnose')
      assert.equal(d.verdict.id, 'cap-throttled', `verdict ${d.verdict.id}: ${d.verdict.advice}`)
      assert.equal(d.verdict.evidence.limitCores, 0.2)
    },
    'diagnose --json: throttled periods rose during the interval, read from cpu.stat': (o) => {
      const t = o.json('diagnose').deltas.throttling
      assert.ok(t.throttledPeriods.delta > 0, `throttled periods delta ${t.throttledPeriods.delta}`)
      assert.ok(t.throttledSeconds.delta > 0, `throttled seconds delta ${t.throttledSeconds.delta}`)
      assert.equal(t.throttledPeriods.source, `/sys/fs/cgroup/${ID}/app/cpu.stat`)
    },
  },
} satisfies Scenario
