// A leaf cgroup with cpu.max, memory.max and pids.max, host cgroup namespace: `owns --json` reports exactly
// those, each with its own file as the source. The same cgroup gives the report, views and check outputs
// that the contract and invariant checks read.
import * as assert from 'uvu/assert'
import {expectClean, expectLimit, findingIds, MiB} from '../lib/expect.js'
import type {Scenario} from '../lib/scenario.js'

const ID = 'leaf-limits'
const QUOTA_US = 150_000
const PERIOD_US = 100_000
const MEMORY_MAX = 256 * MiB
const PIDS_MAX = 64
const dir = `/sys/fs/cgroup/${ID}`

export default {
  id: ID,
  title: 'a leaf with cpu.max, memory.max and pids.max',
  timeoutSeconds: 1200,
  guest: `
mkcg $SCENARIO
put $SCENARIO cpu.max "${QUOTA_US} ${PERIOD_US}"
put $SCENARIO memory.max ${MEMORY_MAX}
put $SCENARIO pids.max ${PIDS_MAX}
emit owns incg $SCENARIO gv owns --json
emit report incg $SCENARIO gv report --json
emit views incg $SCENARIO gv views --json
emit check incg $SCENARIO gv check --json
emit online cat /sys/devices/system/cpu/online
`,
  checks: {
    'owns --json: the cgroup, v2, host namespace': (o) => {
      const r = o.json('owns')
      assert.equal(r.cgroup.version, 'v2')
      assert.equal(r.cgroup.path, `/${ID}`)
      assert.equal(r.cgroup.namespace, 'host')
    },
    'owns --json: cpu.max, memory.max and pids.max exactly, from their files': (o) => {
      const r = o.json('owns')
      expectLimit(r.cpu.limit, {state: 'limited', value: 1.5, source: `${dir}/cpu.max`}, 'cpu.limit')
      assert.equal([r.cpu.quotaUs, r.cpu.periodUs], [QUOTA_US, PERIOD_US])
      expectLimit(r.memory.limit, {state: 'limited', value: MEMORY_MAX, source: `${dir}/memory.max`}, 'memory.limit')
      expectLimit(r.pids.limit, {state: 'limited', value: PIDS_MAX, source: `${dir}/pids.max`}, 'pids.limit')
    },
    'owns --json: effective cores are the quota, below the 2 online CPUs': (o) => {
      const r = o.json('owns')
      assert.equal(o.text('online').trim(), '0-1')
      assert.equal(r.cpu.hostCpus, 2)
      assert.equal(r.cpu.effectiveCores, 1.5)
      assert.equal(r.cpu.cpuset, [0, 1])
    },
    'owns --json: live counters are read (usage, memory, pids)': (o) => {
      const r = o.json('owns')
      assert.ok(r.cpu.usageSeconds > 0, `cpu.usageSeconds ${r.cpu.usageSeconds}`)
      assert.ok(r.memory.usageBytes > 0 && r.memory.usageBytes < MEMORY_MAX, `memory.usageBytes ${r.memory.usageBytes}`)
      assert.ok(r.memory.workingSetBytes <= r.memory.usageBytes, 'working set <= usage')
      assert.equal(r.memory.oomKills, 0)
      assert.ok(r.pids.current >= 1 && r.pids.current <= PIDS_MAX, `pids.current ${r.pids.current}`)
      assert.ok(r.cpu.throttling && r.cpu.throttling.periods >= 0, 'cpu.throttling from cpu.stat')
    },
    'report, views and check --json: clean JSON from a real v2 cgroup': (o) => {
      const report = o.json('report')
      expectClean(o.json('owns'), 'owns')
      expectClean(report, 'report')
      assert.equal(report.cgroup.version, 'v2')
      expectLimit(report.memory.limit, {state: 'limited', value: MEMORY_MAX, source: `${dir}/memory.max`}, 'report')
      for (const key of ['report', 'views', 'check']) {
        for (const bad of ['NaN', 'undefined', 'Infinity']) {
          assert.not.ok(o.text(key).includes(bad), `${key} --json contains "${bad}"`)
        }
      }
    },
    'views --json: /proc/meminfo and /proc/loadavg are host-wide (no lxcfs in the VM)': (o) => {
      const views: Array<{source: string; scope: string}> = o.json('views').views
      const scope = (source: string) => views.find((v) => v.source === source)?.scope
      assert.equal(scope('/proc/meminfo'), 'host')
      assert.equal(scope('/proc/loadavg'), 'host')
    },
    'check --json: the host-wide memory and CPU count findings, no OOM': (o) => {
      const ids = findingIds(o.json('check', [0, 1]).findings)
      assert.ok(ids.includes('meminfo-host-wide'), `findings: ${ids}`)
      assert.ok(ids.includes('cpu-count-host-wide'), `findings: ${ids}`)
      assert.not.ok(ids.includes('oom-killed'), `findings: ${ids}`)
    },
  },
} satisfies Scenario
