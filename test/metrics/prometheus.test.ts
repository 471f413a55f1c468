import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {escapeLabel, prometheusText} from '../../src/metrics/prometheus.js'
import {buildFull} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const text = (fixture: string) => prometheusText(buildFull(new Sysroot(join(FIXTURES, fixture, 'root'))))
const sample = (t: string, name: string) =>
  t.split('\n').filter((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'))

// One sample line of the text format: name, optional {labels}, value (float, +Inf, -Inf, NaN).
const LINE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? ([-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|Inf)|NaN)$/

test('every line is a HELP, a TYPE or a valid sample, on every kind of fixture', () => {
  for (const f of [
    'docker-v2-private',
    'k8s-v2-pod-limit',
    'docker-v2-unlimited',
    'docker-v2-malformed',
    'vm-v1hybrid-hostns-limits',
    'findings-v2-lxcfs',
  ]) {
    const t = text(f)
    for (const line of t.trimEnd().split('\n')) {
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
      assert.match(line, LINE, `${f}: ${line}`)
      assert.not.match(line, /NaN|undefined/, `${f}: ${line}`)
    }
  }
})

test('limits: value when limited, +Inf when unlimited, with the source file', () => {
  const t = text('docker-v2-private')
  assert.equal(sample(t, 'guestview_cpu_limit_cores'), [
    'guestview_cpu_limit_cores{source="/sys/fs/cgroup/cpu.max"} 1.5',
  ])
  assert.equal(sample(t, 'guestview_memory_limit_bytes'), [
    'guestview_memory_limit_bytes{source="/sys/fs/cgroup/memory.max"} 1073741824',
  ])
  const u = text('docker-v2-unlimited')
  assert.match(sample(u, 'guestview_cpu_limit_cores')[0] ?? '', / \+Inf$/)
  assert.match(sample(u, 'guestview_memory_limit_bytes')[0] ?? '', / \+Inf$/)
})

test('unknown values are left out and listed in guestview_unknown with the reason', () => {
  const t = text('docker-v2-malformed')
  assert.equal(sample(t, 'guestview_cpu_limit_cores'), [])
  assert.equal(sample(t, 'guestview_memory_limit_bytes'), [])
  const unknown = sample(t, 'guestview_unknown').join('\n')
  assert.match(unknown, /metric="guestview_cpu_limit_cores",reason="[^"]*cpu\.max[^"]*malformed/)
  assert.match(unknown, /metric="guestview_memory_limit_bytes"/)
})

test('findings and view scopes are exported as labelled constants', () => {
  const t = text('findings-v2-1g-on-64g')
  assert.ok(sample(t, 'guestview_finding').includes('guestview_finding{id="meminfo-host-wide",severity="warn"} 1'))
  assert.ok(sample(t, 'guestview_view_scope').includes('guestview_view_scope{source="/proc/meminfo",scope="host"} 1'))
  const l = text('findings-v2-lxcfs')
  assert.ok(
    sample(l, 'guestview_view_scope').includes('guestview_view_scope{source="/proc/meminfo",scope="virtualized"} 1'),
  )
})

test('label values are escaped', () => {
  assert.is(escapeLabel('a"b\\c\nd'), 'a\\"b\\\\c\\nd')
})

test.run()
