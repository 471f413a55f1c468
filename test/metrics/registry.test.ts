// The metrics registry over the fixtures: cAdvisor's names and conventions, a container label on every
// series, guestview_* for the rest, and nothing that is not a valid sample line.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {metricsText, type Collected} from '../../src/metrics/registry.js'
import {buildFull} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const report = (fixture: string) => buildFull(new Sysroot(join(FIXTURES, fixture, 'root')))
const text = async (fixture: string, container = 'self') =>
  (await metricsText([{container, report: report(fixture)}])).text
const sample = (t: string, name: string) =>
  t.split('\n').filter((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'))

// One sample line of the text format: name, optional {labels}, value (float, +Inf, -Inf).
const LINE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? ([-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|Inf))$/

const FIXTURE_SET = [
  'docker-v2-private',
  'k8s-v2-pod-limit',
  'docker-v2-unlimited',
  'docker-v2-malformed',
  'vm-v1hybrid-hostns-limits',
  'findings-v2-lxcfs',
]

test('every line is a HELP, a TYPE, blank or a valid sample with a container label, on every kind of fixture', async () => {
  for (const f of FIXTURE_SET) {
    const t = await text(f)
    for (const line of t.trimEnd().split('\n')) {
      if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
      assert.match(line, LINE, `${f}: ${line}`)
      assert.match(line, /[{,]container="self"[,}]/, `${f}: no container label: ${line}`)
      assert.not.match(line, /NaN|undefined/, `${f}: ${line}`)
    }
  }
})

test("cAdvisor's names and units: quota and period in microseconds, throttling counters, memory, OOM events", async () => {
  const t = await text('docker-v2-private')
  assert.equal(sample(t, 'container_spec_cpu_quota'), ['container_spec_cpu_quota{container="self"} 150000'])
  assert.equal(sample(t, 'container_spec_cpu_period'), ['container_spec_cpu_period{container="self"} 100000'])
  assert.equal(sample(t, 'container_spec_memory_limit_bytes'), [
    'container_spec_memory_limit_bytes{container="self"} 1073741824',
  ])
  assert.match(sample(t, 'container_cpu_usage_seconds_total')[0] ?? '', /\{container="self",cpu="total"\} [\d.]+$/)
  for (const name of [
    'container_cpu_cfs_periods_total',
    'container_cpu_cfs_throttled_periods_total',
    'container_cpu_cfs_throttled_seconds_total',
    'container_memory_usage_bytes',
    'container_memory_working_set_bytes',
    'container_oom_events_total',
    'container_pressure_cpu_waiting_seconds_total',
    'container_pressure_memory_stalled_seconds_total',
  ])
    assert.is(sample(t, name).length, 1, name)
  assert.match(t, /# TYPE container_cpu_cfs_throttled_periods_total counter/)
  assert.match(t, /# TYPE container_memory_working_set_bytes gauge/)
})

test('unlimited: cAdvisor has no quota series and a 0 memory limit; guestview_* says +Inf with the file', async () => {
  const u = await text('docker-v2-unlimited')
  assert.equal(sample(u, 'container_spec_cpu_quota'), [])
  assert.equal(sample(u, 'container_spec_memory_limit_bytes'), [
    'container_spec_memory_limit_bytes{container="self"} 0',
  ])
  assert.match(sample(u, 'guestview_cpu_limit_cores')[0] ?? '', /source="[^"]+"\} \+Inf$/)
  assert.match(sample(u, 'guestview_memory_limit_bytes')[0] ?? '', / \+Inf$/)
  const l = await text('docker-v2-private')
  assert.equal(sample(l, 'guestview_cpu_limit_cores'), [
    'guestview_cpu_limit_cores{container="self",source="/sys/fs/cgroup/cpu.max"} 1.5',
  ])
})

test('v1: shares as they are; PSI only from the cgroup itself, never the host-wide /proc/pressure', async () => {
  const t = await text('vm-v1hybrid-hostns-limits')
  assert.match(sample(t, 'container_spec_cpu_shares')[0] ?? '', /\} \d+$/)
  const r = report('vm-v1hybrid-hostns-limits')
  if (r.pressure.cpu.state !== 'available') assert.equal(sample(t, 'container_pressure_cpu_waiting_seconds_total'), [])
})

test('unknown values are left out and listed in guestview_unknown with the reason', async () => {
  const t = await text('docker-v2-malformed')
  assert.equal(sample(t, 'guestview_cpu_limit_cores'), [])
  assert.equal(sample(t, 'container_spec_cpu_quota'), [])
  const unknown = sample(t, 'guestview_unknown').join('\n')
  assert.match(unknown, /metric="cpu\.limit",reason="[^"]*cpu\.max[^"]*"/)
})

test('findings and view scopes are labelled constants; one series per container with several', async () => {
  const t = await text('findings-v2-1g-on-64g')
  assert.ok(
    sample(t, 'guestview_finding').includes(
      'guestview_finding{container="self",id="meminfo-host-wide",severity="warn"} 1',
    ),
  )
  assert.ok(
    sample(t, 'guestview_view_scope').includes(
      'guestview_view_scope{container="self",source="/proc/meminfo",scope="host"} 1',
    ),
  )
  const two: Collected[] = [
    {container: 'app', report: report('docker-v2-private')},
    {container: 'sidecar', report: report('docker-v2-unlimited')},
  ]
  const both = (await metricsText(two)).text
  assert.equal(sample(both, 'container_spec_memory_limit_bytes'), [
    'container_spec_memory_limit_bytes{container="app"} 1073741824',
    'container_spec_memory_limit_bytes{container="sidecar"} 0',
  ])
})

test('label values are escaped by prom-client (backslash, quote, newline)', async () => {
  const t = await text('docker-v2-private', 'a"b\\c\nd')
  assert.ok(t.includes('container="a\\"b\\\\c\\nd"'), t.slice(0, 400))
})

test.run()
