// Specific points of the hand-made scenarios, beyond the contract projection that scenarios.test.ts
// compares: where a limit comes from in a nested hierarchy, the weight conversion, placement of v1
// hierarchies, and what a malformed or unreadable file turns into.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {effectiveCoresBasis} from '../../src/model/cpu.js'
import type {LevelOut} from '../../src/model/fields.js'
import {bigToUnits} from '../../src/parse/u64.js'
import {buildOwns, type OwnsReport} from '../../src/report/owns.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const report = (name: string): OwnsReport => buildOwns(new Sysroot(join(FIXTURES, name, 'root')))

const K8S_POD =
  '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3c1b2a_4f5e_4a6b_9c7d_0e1f2a3b4c5d.slice'
const K8S_LEAF = `${K8S_POD}/cri-containerd-3f9a0c5e7b1d24680ace13579bdf02468ace13579bdf02468ace13579bdf0246.scope`
const LT_POD = '/sys/fs/cgroup/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_4061_8273_94a5b6c7d8e9.slice'
const LT_LEAF = `${LT_POD}/cri-containerd-c0ffee00d15ea5e5feedfacebadc0de0123456789abcdef0123456789abcdef0.scope`

test('k8s-v2-pod-limit: the pod slice limits, not the looser container scope', () => {
  const r = report('k8s-v2-pod-limit')
  assert.ok(
    r.memory.limit.source?.endsWith('kubepods-burstable-pod8d3c1b2a_4f5e_4a6b_9c7d_0e1f2a3b4c5d.slice/memory.max'),
    String(r.memory.limit.source),
  )
  assert.is(r.memory.limit.source, `${K8S_POD}/memory.max`)
  assert.is(r.cpu.limit.source, `${K8S_POD}/cpu.max`)
  assert.is(r.pids.limit.source, `${K8S_POD}/pids.max`)
  // Throttling is counted where the quota is: the pod's cpu.stat; usage is the container's own.
  assert.is(r.cpu.throttling?.source, `${K8S_POD}/cpu.stat`)
  assert.is(r.cpu.usageSource, `${K8S_LEAF}/cpu.stat`)
})

test('k8s-v2-pod-limit: io.max is the tightest per device and key over the ancestors', () => {
  const r = report('k8s-v2-pod-limit')
  const pod =
    '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3c1b2a_4f5e_4a6b_9c7d_0e1f2a3b4c5d.slice'
  const leaf = `${pod}/cri-containerd-3f9a0c5e7b1d24680ace13579bdf02468ace13579bdf02468ace13579bdf0246.scope`
  // Reads: the pod's 2 MiB/s; writes: the container's 1 MiB/s. 259:0 is "max" everywhere: not listed.
  assert.equal(r.io.limits, [
    {
      device: '8:0',
      sources: [`${leaf}/io.max`, `${pod}/io.max`],
      readBps: 2097152,
      writeBps: 1048576,
      readIops: null,
      writeIops: null,
    },
  ])
})

/** A walk level as [dir under the mount, kind, the number set there]. */
const level = (l: LevelOut, n: (v: unknown) => number = (v) => v as number) => [
  l.dir.replace('/sys/fs/cgroup', '') || '/',
  l.kind,
  l.kind === 'value' ? n(l.value) : null,
]

test('k8s-v2-pod-limit: every level of the walk is in debug.levels, leaf first, node-allocatable included', () => {
  const r = report('k8s-v2-pod-limit')
  assert.equal(
    r.debug.levels.memory.map((l) => level(l)),
    [
      [K8S_LEAF.replace('/sys/fs/cgroup', ''), 'unlimited', null],
      [K8S_POD.replace('/sys/fs/cgroup', ''), 'value', 536870912],
      ['/kubepods.slice/kubepods-burstable.slice', 'unlimited', null],
      ['/kubepods.slice', 'value', 64424509440],
      ['/', 'absent', null], // the root cgroup has no memory.max: no limit at that level
    ],
  )
  assert.equal(
    r.debug.levels.cpu.map((l) => level(l, (v) => (v as {cores: number}).cores).slice(1)),
    [
      ['unlimited', null],
      ['value', 2],
      ['unlimited', null],
      ['unlimited', null],
      ['absent', null],
    ],
  )
})

test('k8s-v2-leaf-tighter: the container scope keeps its tighter limit; pids still come from the pod', () => {
  const r = report('k8s-v2-leaf-tighter')
  assert.is(r.cpu.limit.source, `${LT_LEAF}/cpu.max`)
  assert.is(r.memory.limit.source, `${LT_LEAF}/memory.max`)
  assert.is(r.pids.limit.source, `${LT_POD}/pids.max`)
  assert.is(r.cpu.throttling?.source, `${LT_LEAF}/cpu.stat`)
})

test('docker-v2-private: cpu.weight 100 comes from 1012..1024 shares (log-quadratic) or 2598..2623 (linear)', () => {
  const r = report('docker-v2-private')
  assert.is(r.cpu.weight, 100)
  const w = r.cpu.relativeWeight
  assert.ok(w && w.from === 'cpu.weight')
  if (w && w.from === 'cpu.weight') {
    // runc's linear formula: 1 + (2597 - 2) * 9999 / 262142 = 1 + 98.99 -> 99; 2598 -> 100; 2623 -> 100.99 -> 100.
    assert.equal(w.sharesRangeLinear, {min: 2598, max: 2623})
    assert.equal(w.sharesRangeLogQuadratic, {min: 1012, max: 1024})
    assert.equal([w.sharesLinear, w.sharesLogQuadratic], [2598, 1024])
  }
})

test('docker-v2-private: io.max, io.stat and PSI are read from the container cgroup', () => {
  const r = report('docker-v2-private')
  assert.equal(r.io.limits, [
    {
      device: '8:0',
      sources: ['/sys/fs/cgroup/io.max'],
      readBps: 10485760,
      writeBps: null,
      readIops: null,
      writeIops: 1000,
    },
  ])
  assert.equal(
    r.io.stat?.map((s) => [s.device, s.readBytes, s.writeBytes, s.readOps, s.writeOps]),
    [
      ['8:0', 5242880, 1048576, 160, 32],
      ['259:0', 20971520, 0, 512, 0],
    ],
  )
  assert.is(r.pressure.cpu.state, 'available')
  if (r.pressure.cpu.state === 'available') assert.is(r.pressure.cpu.some?.totalSeconds, 1.6922)
  assert.is(r.memory.swapLimit.state, 'limited')
  assert.is(r.memory.swapLimit.value, 1073741824)
})

test('docker-v2-unlimited: "max" everywhere is unlimited with the file as source, cores from the online CPUs', () => {
  const r = report('docker-v2-unlimited')
  for (const l of [r.cpu.limit, r.memory.limit, r.pids.limit, r.memory.swapLimit]) assert.is(l.state, 'unlimited')
  assert.is(r.cpu.effectiveCores, 4)
  assert.equal(r.io.limits, []) // io.max is empty: no device is limited
})

test('docker-v2-malformed: malformed and unreadable files become reasons naming the file', () => {
  const r = report('docker-v2-malformed')
  for (const [l, file] of [
    [r.cpu.limit, 'cpu.max'],
    [r.memory.limit, 'memory.max'],
    [r.pids.limit, 'pids.max'],
  ] as const) {
    assert.is(l.state, 'unknown')
    if (l.state === 'unknown')
      assert.ok(l.reason.includes(`/sys/fs/cgroup/${file}`) && l.reason.includes('malformed'), l.reason)
  }
  for (const l of [r.cpu.limit, r.memory.limit, r.pids.limit]) assert.is(l.state === 'unknown' && l.kind, 'malformed')
  const why = r.debug.unknown
  assert.equal(why['memory.usageBytes'], {
    kind: 'denied',
    path: '/sys/fs/cgroup/memory.current',
    reason: '/sys/fs/cgroup/memory.current: permission denied (EACCES)',
  })
  // One bad line does not lose cpu.stat (issue 12 item 7): usage_usec reads, the bad throttled_usec line makes
  // throttling malformed, and both bad lines are problems on the file.
  assert.is(r.cpu.usageSeconds, 2.75)
  assert.equal(why['cpu.throttling'], {
    kind: 'malformed',
    path: '/sys/fs/cgroup/cpu.stat',
    reason: '/sys/fs/cgroup/cpu.stat: malformed: key throttled_usec: not an unsigned integer: "15000us"',
  })
  assert.is(why['cpu.usageSeconds'], undefined)
  assert.equal(r.debug.problems, [
    {
      path: '/sys/fs/cgroup/cpu.stat',
      reason: '/sys/fs/cgroup/cpu.stat: key throttled_usec: not an unsigned integer: "15000us"',
    },
    {
      path: '/sys/fs/cgroup/cpu.stat',
      reason: '/sys/fs/cgroup/cpu.stat: not a "key value" line: "this line is not key value"',
    },
  ])
  assert.is(r.pressure.cpu.state, 'unavailable')
  if (r.pressure.cpu.state === 'unavailable') {
    assert.match(r.pressure.cpu.reason, /EOPNOTSUPP/)
    assert.is(r.pressure.cpu.kind, 'unsupported')
  }
  assert.is(r.pressure.memory.state, 'available')
  // The quota is unknown: effectiveCores is not claimed, only an upper bound is.
  assert.is(r.cpu.effectiveCores, null)
  assert.is(r.cpu.effectiveCoresAtMost, 2)
  assert.match(effectiveCoresBasis(r.cpu), /at most 2/)
  assert.is(r.debug.unknown['cpu.effectiveCores']?.kind, 'malformed')
})

test('docker-v1-malformed: empty limit file and garbage memory.stat are unknown, the rest still read', () => {
  const r = report('docker-v1-malformed')
  assert.is(r.memory.limit.state, 'unknown')
  assert.is(r.debug.unknown['memory.inactiveFileBytes']?.kind, 'malformed')
  assert.match(r.debug.unknown['memory.workingSetBytes']?.reason ?? '', /memory\.stat: malformed/)
  assert.is(r.memory.inactiveFileBytes, null)
  assert.is(r.memory.oomKills, 1)
  assert.is(r.cpu.limit.state, 'unknown')
  assert.is(r.cpu.shares, 1024)
})

test('arm64-v1-64k-unlimited: LONG_MAX rounded to 64K pages is unlimited everywhere it appears', () => {
  const r = report('arm64-v1-64k-unlimited')
  assert.equal(
    r.debug.levels.memory.map((l) => [l.kind, l.path]),
    [
      ['unlimited', '/sys/fs/cgroup/memory/memory.limit_in_bytes'],
      ['unlimited', '/sys/fs/cgroup/memory/memory.stat (hierarchical_memory_limit)'],
    ],
  )
  assert.is(r.memory.swapLimit.state, 'unlimited')
  assert.is(r.memory.softLimit?.state, 'unlimited')
  const w = r.cpu.relativeWeight
  assert.ok(w && w.from === 'cpu.shares' && w.weightLogQuadratic === 100 && w.weightLinear === 39)
})

test('docker-v1-hostns: each hierarchy is placed at its mount point; swap = memsw - memory', () => {
  const r = report('docker-v1-hostns')
  assert.is(r.cgroup.namespace, 'host')
  assert.ok(r.cgroup.hierarchies.length >= 5)
  for (const h of r.cgroup.hierarchies) {
    assert.is(h.version, 'v1')
    assert.is(h.dir, h.mountPoint)
    assert.is(h.mountRoot, h.cgroupPath)
  }
  assert.is(r.memory.swapLimit.value, 536870912)
  assert.equal(r.io.limits, [
    {
      device: '8:0',
      sources: [
        '/sys/fs/cgroup/blkio/blkio.throttle.read_bps_device',
        '/sys/fs/cgroup/blkio/blkio.throttle.write_iops_device',
      ],
      readBps: 1048576,
      writeBps: null,
      readIops: null,
      writeIops: 500,
    },
  ])
})

test('unshare-v1-above-root: hierarchies mounted above the namespace root cannot be placed, others can', () => {
  const r = report('unshare-v1-above-root')
  const byCtrl = (c: string) => r.cgroup.hierarchies.find((h) => h.controllers.includes(c))!
  for (const c of ['cpu', 'memory']) {
    const h = byCtrl(c)
    assert.is(h.mountRoot, '/..')
    assert.is(h.dir, null)
    assert.match(h.problem ?? '', /not below the mount root \/\.\./)
  }
  assert.is(byCtrl('pids').dir, '/sys/fs/cgroup/pids')
  assert.is(r.cpu.limit.state, 'unknown')
  if (r.cpu.limit.state === 'unknown') assert.match(r.cpu.limit.reason, /cpu,cpuacct/)
  assert.is(r.memory.limit.state, 'unknown')
  assert.equal(r.debug.levels.cpu, []) // the mount point's own files (the parent's 1-core quota) are not read as ours
  if (r.cpu.limit.state === 'unknown') assert.is(r.cpu.limit.kind, 'unsupported')
  assert.is(r.pids.limit.state, 'limited')
})

test('bigToUnits: one correctly rounded division while exact, the split above 2^53', () => {
  assert.is(bigToUnits(1692200n, 1_000_000n), 1.6922)
  assert.is(bigToUnits(4814149n, 1_000_000n), 4.814149)
  assert.is(bigToUnits(38123456789n, 1_000_000_000n), 38.123456789)
  // 2^64 - 1 ns: beyond 2^53, the whole part still comes out right
  assert.is(Math.floor(bigToUnits((1n << 64n) - 1n, 1_000_000_000n)), 18446744073)
})

test.run()
