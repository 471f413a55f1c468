// Tool names as people type them, resolved by findTools and explain(): `explain sar` gives both sar views,
// "sar -n DEV" one, the tool's own options and counts are accepted ("free -h", "vmstat 1 5"); `explain`
// alone lists the tools; `explain --all` walks the checklist in order. The same through the built CLI:
// cli.live.test.ts.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {findTools, TOOLS, toolNames} from '../../src/explain/registry.js'
import {explain} from '../../src/explain/explain.js'
import {explainDoc} from '../../src/screens/explain.js'
import {PLAIN, reportOf} from './lib.js'

const names = (q: string) => findTools(q).map((t) => t.tool)

// --- findTools -----------------------------------------------------------------------------------------

test('findTools: "sar" is the family, "sar -n DEV" and "sar -n TCP,ETCP" one each', () => {
  assert.equal(names('sar'), ['sar -n DEV', 'sar -n TCP,ETCP'])
  assert.equal(names('sar -n DEV'), ['sar -n DEV'])
  assert.equal(names('sar -n dev 1'), ['sar -n DEV'])
  assert.equal(names('  sar   -n  DEV  '), ['sar -n DEV'])
  assert.equal(names('sar -n TCP,ETCP'), ['sar -n TCP,ETCP'])
  assert.equal(names('sar -n TCP,ETCP 1'), ['sar -n TCP,ETCP'])
  assert.equal(names('sar -n ETCP'), ['sar -n TCP,ETCP'])
})

test('findTools: options and interval/count arguments as people type them', () => {
  const cases: [string, string][] = [
    ['free', 'free'],
    ['free -h', 'free'],
    ['free -m', 'free'],
    ['vmstat 1 5', 'vmstat'],
    ['vmstat 1', 'vmstat'],
    ['mpstat -P ALL 1', 'mpstat'],
    ['mpstat -P ALL 1 5', 'mpstat'],
    ['iostat -xz 1', 'iostat'],
    ['pidstat 1', 'pidstat'],
    ['uptime', 'uptime'],
    ['w', 'uptime'],
    ['dmesg | tail', 'dmesg'],
    ['dmesg -T', 'dmesg'],
    ['htop', 'top'],
    ['top -b -n 1', 'top'],
    ['ps aux', 'ps'],
    ['ps -ef', 'ps'],
    ['df -h', 'df'],
    ['perf record', 'perf'],
    ['docker stats', 'docker stats'],
    ['podman stats', 'docker stats'],
    ['kubectl top', 'kubectl top'],
    ['kubectl top pod', 'kubectl top'],
    ['nproc', 'nproc'],
    ['lscpu', 'nproc'],
    ['cgroup', 'cgroup'],
    ['cgroups', 'cgroup'],
    ['FREE -H', 'free'],
    ['kubectl', 'kubectl top'],
    ['docker', 'docker stats'],
  ]
  for (const [q, want] of cases) assert.equal(names(q), [want], `"${q}"`)
})

test('findTools: unknown names and empty input resolve to nothing', () => {
  for (const q of ['', '   ', 'bogus', 'sa', 'fre', 'kube', '-h', 'iotop', 'free2'])
    assert.equal(names(q), [], `"${q}"`)
})

test('explain(): unknown tool message names every known tool; no tool lists them all', () => {
  const r = reportOf(PLAIN)
  const bad = explain(r, {tool: 'bogus'})
  assert.is(bad.ok, false)
  if (!bad.ok) for (const n of toolNames()) assert.ok(bad.message.includes(n), `message lacks ${n}: ${bad.message}`)
  const list = explain(r, {})
  assert.ok(list.ok && list.tools.length === 0)
  if (list.ok) {
    const keys = explainDoc(list.tools).flatMap((b) => (b.b === 'rows' ? b.rows.map((row) => row.key) : []))
    assert.equal(
      keys,
      TOOLS.map((t) => t.title),
    )
  }
})

test('explain --all: the checklist 1..9 first, in order, then the other tools', () => {
  const r = explain(reportOf(PLAIN), {all: true})
  assert.ok(r.ok)
  if (!r.ok) return
  const steps = r.tools.map((t) => t.checklist)
  assert.equal(steps.slice(0, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9])
  assert.ok(
    steps.slice(9).every((s) => s === null),
    `after the checklist: ${steps.slice(9).join(',')}`,
  )
  assert.equal(
    r.tools.map((t) => t.tool),
    TOOLS.map((t) => t.tool),
  )
  const titles = explainDoc(r.tools).flatMap((b) => (b.b === 'title' ? [b.text] : []))
  assert.equal(titles.slice(0, 9), [
    'uptime',
    'dmesg | tail',
    'vmstat 1',
    'mpstat -P ALL 1',
    'pidstat 1',
    'iostat -xz 1',
    'free -m',
    'sar -n DEV 1',
    'sar -n TCP,ETCP 1',
  ])
  assert.is(titles.length, TOOLS.length)
})

test.run()
