// The hidden-ancestor-limit finding (issue 12 item 2), from one snapshot: each signal on a small tree built
// from the kernel's documented formats, with its look-alikes that must not raise it. The values are the
// files' own (no arithmetic of the code under test).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {HiddenEvidence} from '../../src/findings/rules/hidden-ancestor-limit.js'
import type {Finding} from '../../src/findings/types.js'
import {buildFull} from '../../src/report/full.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const PRIVATE = {'/proc/self/ns/cgroup': 'cgroup:[4026532719]'}
const HOST = {'/proc/self/ns/cgroup': 'cgroup:[4026531835]'}
const BASE = {'/proc/meminfo': 'MemTotal:       16000000 kB\n', '/sys/devices/system/cpu/online': '0-1\n'}
const PSI0 = 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'
/** CPU pressure with every task stalled 40% of the last 10 s (full avg10). */
const CPU_PSI_FULL_40 =
  'some avg10=45.00 avg60=30.00 avg300=10.00 total=9000000\nfull avg10=40.00 avg60=25.00 avg300=8.00 total=8000000\n'

/** A v2 container in a private cgroupns (its root is a cgroup with limits: cgroup.type is there). */
function v2(files: Record<string, string>, links = PRIVATE) {
  const cg = {
    'cgroup.controllers': 'cpu memory pids\n',
    'cgroup.type': 'domain\n',
    'cpu.max': '100000 100000\n',
    'cpu.stat':
      'usage_usec 9000000\nuser_usec 8000000\nsystem_usec 1000000\nnr_periods 400\nnr_throttled 2\nthrottled_usec 20000\n',
    'memory.max': '536870912\n',
    'memory.current': '41943040\n',
    'memory.stat': 'inactive_file 0\npgscan 0\n',
    'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n',
    'cpu.pressure': PSI0,
    'memory.pressure': PSI0,
    'pids.max': 'max\n',
    ...files,
  }
  return treeSysroot({
    files: {
      ...BASE,
      '/proc/self/cgroup': '0::/\n',
      '/proc/self/mountinfo': '30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n',
      ...Object.fromEntries(Object.entries(cg).map(([k, v]) => [`/sys/fs/cgroup/${k}`, v])),
    },
    links,
  })
}

/** A v1 memory hierarchy in a private cgroupns, an own limit of 512 MiB, and memory.stat's hierarchical limit. */
const v1 = (hierarchicalLimitBytes: number) =>
  treeSysroot({
    files: {
      ...BASE,
      '/proc/self/cgroup': '3:memory:/\n',
      '/proc/self/mountinfo': '31 1 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n',
      '/sys/fs/cgroup/memory/memory.limit_in_bytes': '536870912\n',
      '/sys/fs/cgroup/memory/memory.stat': `cache 0\nrss 0\nhierarchical_memory_limit ${hierarchicalLimitBytes}\ntotal_inactive_file 0\n`,
    },
    links: PRIVATE,
  })

const finding = (sys: ReturnType<typeof v2>): Finding | undefined =>
  buildFull(sys).findings.find((f) => f.id === 'hidden-ancestor-limit')
const evidence = (f: Finding | undefined): HiddenEvidence[] => (f?.owned as {evidence: HiddenEvidence[]}).evidence

test('cpu.stat.local: throttled 3 s while the visible 1-core quota throttled 0.02 s -> exact CPU evidence, warn', () => {
  const f = finding(v2({'cpu.stat.local': 'throttled_usec 3000000\n'}))
  assert.ok(f, 'raised')
  assert.is(f.severity, 'warn')
  const [e] = evidence(f)
  assert.equal([e?.resource, e?.signal, e?.strength], ['cpu', 'cpu.stat.local', 'exact'])
  assert.equal(e?.values, {localThrottledSeconds: 3, visibleThrottledSeconds: 0.02})
  assert.match(f.title, /^a limit above \/sys\/fs\/cgroup binds: CPU throttled 3 s by it \(cpu\.stat\.local\)$/)
})

test('cpu.stat.local at the level the visible quota explains: no finding', () => {
  assert.is(finding(v2({'cpu.stat.local': 'throttled_usec 25000\n'})), undefined)
})

test('no cpu.stat.local (Linux 6.1): cpu.pressure full 40% while the visible quota throttled 0.5% -> a hint, info', () => {
  const f = finding(v2({'cpu.pressure': CPU_PSI_FULL_40}))
  assert.ok(f, 'raised')
  assert.is(f.severity, 'info')
  const [e] = evidence(f)
  assert.equal([e?.signal, e?.strength], ['cpu.pressure', 'hint'])
  assert.match(e?.detail ?? '', /guestview diagnose/)
})

test('cpu.pressure high while the visible quota itself throttles half its periods: no finding', () => {
  const f = finding(
    v2({
      'cpu.pressure': CPU_PSI_FULL_40,
      'cpu.stat':
        'usage_usec 9000000\nuser_usec 8000000\nsystem_usec 1000000\nnr_periods 400\nnr_throttled 200\nthrottled_usec 9000000\n',
    }),
  )
  assert.is(f, undefined)
})

test('v2: an OOM kill while memory.events at the visible top counts no limit hit -> strong memory evidence', () => {
  const f = finding(v2({'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 1\noom_group_kill 0\n'}))
  assert.ok(f, 'raised')
  assert.is(f.severity, 'warn')
  const e = evidence(f).find((x) => x.signal === 'oom-kill')
  assert.equal([e?.resource, e?.strength, e?.values.oomKills], ['memory', 'strong', 1])
  assert.match(e?.detail ?? '', /or the whole host ran out of memory/)
})

test('v2: an OOM kill at the visible limit (max 12, oom 1) is the visible limit: no finding', () => {
  assert.is(finding(v2({'memory.events': 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n'})), undefined)
})

test('v2: memory pressure with the working set at 8% of the visible limit and no limit hit -> a hint', () => {
  const f = finding(
    v2({
      'memory.pressure':
        'some avg10=6.00 avg60=3.50 avg300=1.00 total=4000000\nfull avg10=2.00 avg60=1.00 avg300=0.50 total=2000000\n',
      'memory.stat': 'inactive_file 0\npgscan 52000\n',
    }),
  )
  const e = evidence(f).find((x) => x.signal === 'memory.pressure')
  assert.equal([e?.strength, e?.values.reclaimScannedPages, e?.values.workingSetBytes], ['hint', 52000, 41943040])
})

test('the same counters with every cgroup visible (host cgroupns, whole hierarchy mounted): no finding', () => {
  const sys = treeSysroot({
    files: {
      ...BASE,
      '/proc/self/cgroup': '0::/ctr\n',
      '/proc/self/mountinfo': '30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n',
      '/sys/fs/cgroup/ctr/cgroup.controllers': 'cpu memory\n',
      '/sys/fs/cgroup/ctr/cpu.max': '100000 100000\n',
      '/sys/fs/cgroup/ctr/cpu.stat.local': 'throttled_usec 3000000\n',
      '/sys/fs/cgroup/ctr/memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 1\noom_group_kill 0\n',
    },
    links: HOST,
  })
  assert.is(finding(sys), undefined)
})

test('v1: hierarchical_memory_limit 128 MiB under an own limit of 512 MiB -> exact memory evidence', () => {
  const f = finding(v1(134217728))
  const e = evidence(f).find((x) => x.signal === 'hierarchical_memory_limit')
  assert.equal(e?.values, {hierarchicalLimitBytes: 134217728, visibleLimitBytes: 536870912})
  assert.is(e?.strength, 'exact')
  assert.match(f?.title ?? '', /memory held to 128 MiB by it \(hierarchical_memory_limit\)/)
})

test('v1: hierarchical_memory_limit equal to the own limit: no finding', () => {
  assert.is(finding(v1(536870912)), undefined)
})

test.run()
