// Table tests of the four controllers, v1 and v2, over the fixtures: each case is named after its fixture
// folder (automaxprocs' style), and every expected value is copied from that fixture's NOTE.md (the files
// as written or captured, and the hand derivation there), never computed with the code under test.
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Controllers, IoLimitLine} from '../../src/cgroup/controllers.js'
import {discover} from '../../src/cgroup/discover.js'
import {controllersFor} from '../../src/cgroup/factory.js'
import type {Walked} from '../../src/cgroup/walk.js'
import {V1Cpu} from '../../src/cgroup/v1/cpu.js'
import {V1Io} from '../../src/cgroup/v1/io.js'
import {V1Memory} from '../../src/cgroup/v1/memory.js'
import {V1Pids} from '../../src/cgroup/v1/pids.js'
import {V2Cpu} from '../../src/cgroup/v2/cpu.js'
import {V2Io} from '../../src/cgroup/v2/io.js'
import {V2Memory} from '../../src/cgroup/v2/memory.js'
import {V2Pids} from '../../src/cgroup/v2/pids.js'
import {readHostMemory} from '../../src/model/host.js'
import type {Field, UnknownKind} from '../../src/sysroot/outcome.js'
import {fileProblems} from '../../src/sysroot/read-field.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupScratch, copyFixture, scratch} from '../helpers/hostile.js'
import {FIXTURES} from '../helpers/paths.js'

function controllers(name: string): Controllers {
  const sys = new Sysroot(join(FIXTURES, name, 'root'))
  const d = discover(sys)
  return controllersFor(sys, d, readHostMemory(sys, d.mounts))
}

/** What a Field should be: a value, "unlimited", or a kind of unknown (optionally with its path). */
type Want<T> = {value: T; path?: string} | {unlimited: string} | {unknown: UnknownKind; path?: string | null}

function check<T>(label: string, f: Field<T> | null, want: Want<T> | null): void {
  if (want === null) {
    assert.is(f, null, `${label}: not in this cgroup version`)
    return
  }
  assert.ok(f, `${label}: a Field`)
  if ('value' in want) {
    assert.is(f.kind, 'value', `${label}: ${JSON.stringify(f)}`)
    if (f.kind === 'value') assert.equal(f.value, want.value, label)
    if (want.path !== undefined) assert.is(f.path, want.path, `${label}: path`)
  } else if ('unlimited' in want) {
    assert.equal([f.kind, f.path], ['unlimited', want.unlimited], label)
  } else {
    assert.is(f.kind, want.unknown, `${label}: ${JSON.stringify(f)}`)
    if (want.path !== undefined) assert.is(f.path, want.path, `${label}: path`)
    if (f.kind !== 'value' && f.kind !== 'unlimited') assert.ok(f.reason.length > 0, `${label}: a reason`)
  }
}

const limitOf = <T>(w: Walked<T> | null) => (w ? w.result : null)

// --- CPU ----------------------------------------------------------------------------------------------

type CpuCase = {
  name: string
  version: 'v1' | 'v2'
  limit: Want<{quotaUs: number; periodUs: number; cores: number}>
  /** The directory the limit comes from, where period and throttling are read. */
  limitDir?: string
  periodUs?: Want<number>
  shares: Want<number> | null
  weight: Want<number> | null
  usageSeconds: Want<number>
  throttling?: Want<{periods: number; throttledPeriods: number; throttledSeconds: number}>
  cpuset?: Want<number[]>
}

const V1CPU = '/sys/fs/cgroup/cpu,cpuacct'
const POD =
  '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3c1b2a_4f5e_4a6b_9c7d_0e1f2a3b4c5d.slice'
const POD_LEAF = `${POD}/cri-containerd-3f9a0c5e7b1d24680ace13579bdf02468ace13579bdf02468ace13579bdf0246.scope`
const LT_POD = '/sys/fs/cgroup/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_4061_8273_94a5b6c7d8e9.slice'
const LT_LEAF = `${LT_POD}/cri-containerd-c0ffee00d15ea5e5feedfacebadc0de0123456789abcdef0123456789abcdef0.scope`

const CPU: CpuCase[] = [
  {
    name: 'docker-v1-hostns',
    version: 'v1',
    limit: {value: {quotaUs: 200000, periodUs: 100000, cores: 2}, path: `${V1CPU}/cpu.cfs_quota_us`},
    shares: {value: 512},
    weight: null,
    usageSeconds: {value: 2459.871234567},
    throttling: {value: {periods: 7311, throttledPeriods: 402, throttledSeconds: 38.123456789}},
    cpuset: {value: [2, 3, 4, 5]},
  },
  {
    name: 'arm64-v1-64k-unlimited',
    version: 'v1',
    limit: {unlimited: `${V1CPU}/cpu.cfs_quota_us`},
    periodUs: {value: 100000},
    shares: {value: 1024},
    weight: null,
    usageSeconds: {value: 183.940211907},
    throttling: {value: {periods: 0, throttledPeriods: 0, throttledSeconds: 0}},
    cpuset: {value: Array.from({length: 32}, (_, i) => i)},
  },
  {
    name: 'docker-v1-malformed',
    version: 'v1',
    limit: {unknown: 'malformed', path: `${V1CPU}/cpu.cfs_quota_us`},
    periodUs: {value: 100000},
    shares: {value: 1024},
    weight: null,
    usageSeconds: {value: 5},
    throttling: {value: {periods: 0, throttledPeriods: 0, throttledSeconds: 0}},
    cpuset: {value: [0, 1]},
  },
  {
    name: 'vm-v1hybrid-hostns-limits',
    version: 'v1',
    limit: {
      value: {quotaUs: 150000, periodUs: 100000, cores: 1.5},
      path: '/sys/fs/cgroup/cpu/gvfixture-hostns/cpu.cfs_quota_us',
    },
    shares: {value: 512},
    weight: null,
    usageSeconds: {value: 0.194779659},
    cpuset: {value: [0]},
  },
  {
    name: 'unshare-v1hybrid-private-limits',
    version: 'v1',
    limit: {value: {quotaUs: 150000, periodUs: 100000, cores: 1.5}, path: '/sys/fs/cgroup/cpu/cpu.cfs_quota_us'},
    shares: {value: 512},
    weight: null,
    usageSeconds: {value: 0.245522517},
    cpuset: {value: [0]},
  },
  {
    name: 'unshare-v1-above-root',
    version: 'v1',
    // The cpu,cpuacct mount starts above the namespace root: no directory of ours, nothing read from it.
    limit: {unknown: 'unsupported', path: null},
    shares: {unknown: 'unsupported', path: null},
    weight: null,
    usageSeconds: {unknown: 'unsupported', path: null},
    cpuset: {value: [0, 1, 2, 3]},
  },
  {
    name: 'docker-v2-private',
    version: 'v2',
    limit: {value: {quotaUs: 150000, periodUs: 100000, cores: 1.5}, path: '/sys/fs/cgroup/cpu.max'},
    shares: null,
    weight: {value: 100},
    usageSeconds: {value: 4.814149},
    throttling: {value: {periods: 1532, throttledPeriods: 211, throttledSeconds: 1.6922}},
    cpuset: {value: [0, 1, 2, 3]},
  },
  {
    name: 'docker-v2-unlimited',
    version: 'v2',
    limit: {unlimited: '/sys/fs/cgroup/cpu.max'},
    periodUs: {value: 100000},
    shares: null,
    weight: {value: 100},
    usageSeconds: {value: 1.5},
    throttling: {value: {periods: 0, throttledPeriods: 0, throttledSeconds: 0}},
    cpuset: {value: [0, 1, 2, 3]},
  },
  {
    name: 'docker-v2-malformed',
    version: 'v2',
    limit: {unknown: 'malformed', path: '/sys/fs/cgroup/cpu.max'},
    shares: null,
    weight: {value: 100},
    // cpu.stat has a line that is not "key value" and a bad throttled_usec: usage_usec still reads (2750000 us),
    // throttling is malformed (one of its three lines is the bad one).
    usageSeconds: {value: 2.75, path: '/sys/fs/cgroup/cpu.stat'},
    throttling: {unknown: 'malformed', path: '/sys/fs/cgroup/cpu.stat'},
    cpuset: {value: [0, 1]},
  },
  {
    name: 'k8s-v2-pod-limit',
    version: 'v2',
    limit: {value: {quotaUs: 200000, periodUs: 100000, cores: 2}, path: `${POD}/cpu.max`},
    limitDir: POD,
    shares: null,
    weight: {value: 20},
    usageSeconds: {value: 912.345678, path: `${POD_LEAF}/cpu.stat`},
    throttling: {value: {periods: 86400, throttledPeriods: 1200, throttledSeconds: 45.678901}, path: `${POD}/cpu.stat`},
    cpuset: {value: Array.from({length: 16}, (_, i) => i)},
  },
  {
    name: 'k8s-v2-leaf-tighter',
    version: 'v2',
    limit: {value: {quotaUs: 50000, periodUs: 100000, cores: 0.5}, path: `${LT_LEAF}/cpu.max`},
    limitDir: LT_LEAF,
    shares: null,
    weight: {value: 20},
    usageSeconds: {value: 31.25},
    throttling: {
      value: {periods: 5000, throttledPeriods: 750, throttledSeconds: 9.876543},
      path: `${LT_LEAF}/cpu.stat`,
    },
  },
  {
    name: 'findings-v2-throttled-oom',
    version: 'v2',
    limit: {value: {quotaUs: 50000, periodUs: 100000, cores: 0.5}, path: '/sys/fs/cgroup/cpu.max'},
    shares: null,
    weight: {value: 100},
    usageSeconds: {value: 300},
    throttling: {value: {periods: 2000, throttledPeriods: 900, throttledSeconds: 45}},
    cpuset: {value: [0, 1, 2, 3]},
  },
]

for (const c of CPU) {
  test(`cpu ${c.version}: ${c.name}`, () => {
    const cpu = controllers(c.name).cpu
    assert.ok(cpu instanceof (c.version === 'v1' ? V1Cpu : V2Cpu), `a ${c.version} controller`)
    const walk = cpu.limit()
    check('limit', walk.result, c.limit)
    const dir = c.limitDir ?? walk.from?.dir ?? cpu.dirs[0]
    if (c.periodUs) check('periodUs', dir ? cpu.periodUs(dir) : null, c.periodUs)
    check('shares', cpu.shares(), c.shares)
    check('weight', cpu.weight(), c.weight)
    check('usageSeconds', cpu.usageSeconds(), c.usageSeconds)
    if (c.throttling) check('throttling', dir ? cpu.throttling(dir) : null, c.throttling)
    if (c.cpuset) check('cpuset', cpu.cpuset(), c.cpuset)
  })
}

test('cpu: the relative weight under both runtime formulas (runc: 1024 shares = weight 39 linear, 100 log-quadratic)', () => {
  const v1 = controllers('arm64-v1-64k-unlimited').cpu.relativeWeight()
  assert.ok(v1.kind === 'value' && v1.value.from === 'cpu.shares')
  if (v1.kind === 'value' && v1.value.from === 'cpu.shares') {
    assert.equal([v1.value.weightLinear, v1.value.weightLogQuadratic], [39, 100])
  }
  // Weight 100 is 2^10 = 1024 shares under the 2025 formula (docker-v2-private NOTE.md).
  const v2 = controllers('docker-v2-private').cpu.relativeWeight()
  assert.ok(v2.kind === 'value' && v2.value.from === 'cpu.weight' && v2.value.sharesLogQuadratic === 1024)
})

// --- memory -------------------------------------------------------------------------------------------

type MemoryCase = {
  name: string
  version: 'v1' | 'v2'
  limit: Want<number>
  high?: Want<number> | null
  softLimit?: Want<number> | null
  swap?: Want<number>
  usageBytes: Want<number>
  inactiveFileBytes?: Want<number>
  oomKills: Want<number>
  seesHiddenAncestors?: boolean
}

const V1MEM = '/sys/fs/cgroup/memory'

const MEMORY: MemoryCase[] = [
  {
    name: 'docker-v1-hostns',
    version: 'v1',
    // hierarchical_memory_limit is equal: the leaf's own file wins the tie.
    limit: {value: 536870912, path: `${V1MEM}/memory.limit_in_bytes`},
    high: null,
    swap: {value: 536870912}, // memsw 1073741824 - memory 536870912, as the NOTE derives it
    usageBytes: {value: 289406976},
    inactiveFileBytes: {value: 73728000},
    oomKills: {value: 0},
    seesHiddenAncestors: true,
  },
  {
    name: 'arm64-v1-64k-unlimited',
    version: 'v1',
    limit: {unlimited: `${V1MEM}/memory.limit_in_bytes`},
    softLimit: {unlimited: `${V1MEM}/memory.soft_limit_in_bytes`},
    swap: {unlimited: `${V1MEM}/memory.memsw.limit_in_bytes`},
    usageBytes: {value: 96468992},
    inactiveFileBytes: {value: 25165824},
    oomKills: {value: 0},
  },
  {
    name: 'docker-v1-malformed',
    version: 'v1',
    limit: {unknown: 'malformed', path: `${V1MEM}/memory.limit_in_bytes`},
    // memsw and the soft limit are absent (swap accounting off).
    softLimit: {unknown: 'absent', path: `${V1MEM}/memory.soft_limit_in_bytes`},
    swap: {unknown: 'absent', path: `${V1MEM}/memory.memsw.limit_in_bytes`},
    usageBytes: {value: 104857600},
    inactiveFileBytes: {unknown: 'malformed', path: `${V1MEM}/memory.stat`},
    oomKills: {value: 1},
  },
  {
    name: 'vm-v1hybrid-hostns-limits',
    version: 'v1',
    limit: {value: 268435456, path: `${V1MEM}/gvfixture-hostns/memory.limit_in_bytes`},
    usageBytes: {value: 17977344},
    oomKills: {value: 0},
  },
  {
    name: 'unshare-v1hybrid-private-limits',
    version: 'v1',
    limit: {value: 268435456, path: `${V1MEM}/memory.limit_in_bytes`},
    usageBytes: {value: 17813504},
    oomKills: {value: 0},
  },
  {
    name: 'unshare-v1-above-root',
    version: 'v1',
    limit: {unknown: 'unsupported', path: null},
    usageBytes: {unknown: 'unsupported', path: null},
    oomKills: {unknown: 'unsupported', path: null},
  },
  {
    name: 'docker-v2-private',
    version: 'v2',
    limit: {value: 1073741824, path: '/sys/fs/cgroup/memory.max'},
    softLimit: null,
    swap: {value: 1073741824, path: '/sys/fs/cgroup/memory.swap.max'},
    usageBytes: {value: 331218944},
    inactiveFileBytes: {value: 104247296},
    oomKills: {value: 2},
    seesHiddenAncestors: false,
  },
  {
    name: 'docker-v2-unlimited',
    version: 'v2',
    limit: {unlimited: '/sys/fs/cgroup/memory.max'},
    high: {unlimited: '/sys/fs/cgroup/memory.high'},
    swap: {unlimited: '/sys/fs/cgroup/memory.swap.max'},
    usageBytes: {value: 57540608},
    inactiveFileBytes: {value: 8388608},
    oomKills: {value: 0},
  },
  {
    name: 'docker-v2-malformed',
    version: 'v2',
    limit: {unknown: 'malformed', path: '/sys/fs/cgroup/memory.max'},
    usageBytes: {unknown: 'denied', path: '/sys/fs/cgroup/memory.current'},
    oomKills: {value: 0},
  },
  {
    name: 'k8s-v2-pod-limit',
    version: 'v2',
    limit: {value: 536870912, path: `${POD}/memory.max`},
    usageBytes: {value: 398458880},
    inactiveFileBytes: {value: 52428800},
    oomKills: {value: 0},
  },
  {
    name: 'k8s-v2-leaf-tighter',
    version: 'v2',
    limit: {value: 268435456, path: `${LT_LEAF}/memory.max`},
    usageBytes: {value: 201326592},
    inactiveFileBytes: {value: 16777216},
    oomKills: {value: 1},
  },
  {
    name: 'findings-v2-throttled-oom',
    version: 'v2',
    limit: {value: 512 * 1024 * 1024},
    usageBytes: {value: 496 * 1024 * 1024},
    inactiveFileBytes: {value: 4 * 1024 * 1024},
    oomKills: {value: 3},
  },
  {
    // MemTotal is lxcfs's 2 GiB, equal to the limit: the limit still binds (meminfo is virtualized).
    name: 'findings-v2-lxcfs',
    version: 'v2',
    limit: {value: 2 * 1024 * 1024 * 1024},
    usageBytes: {value: 576 * 1024 * 1024},
    inactiveFileBytes: {value: 64 * 1024 * 1024},
    oomKills: {value: 0},
  },
]

for (const c of MEMORY) {
  test(`memory ${c.version}: ${c.name}`, () => {
    const mem = controllers(c.name).memory
    assert.ok(mem instanceof (c.version === 'v1' ? V1Memory : V2Memory), `a ${c.version} controller`)
    check('limit', mem.limit().result, c.limit)
    if (c.high !== undefined) check('high', limitOf(mem.high()), c.high)
    if (c.softLimit !== undefined) check('softLimit', mem.softLimit(), c.softLimit)
    if (c.swap) check('swap', mem.swapLimit().result, c.swap)
    check('usageBytes', mem.usageBytes(), c.usageBytes)
    if (c.inactiveFileBytes) check('inactiveFileBytes', mem.inactiveFileBytes(), c.inactiveFileBytes)
    check('oomKills', mem.oomKills(), c.oomKills)
    if (c.seesHiddenAncestors !== undefined) assert.is(mem.seesHiddenAncestors, c.seesHiddenAncestors)
    if (c.version === 'v2') assert.is(mem.failcnt(), null, 'cgroup v2 has no failcnt')
  })
}

// --- pids ---------------------------------------------------------------------------------------------

const PIDS: {name: string; version: 'v1' | 'v2'; limit: Want<number>; current: Want<number>}[] = [
  {name: 'docker-v1-hostns', version: 'v1', limit: {value: 200}, current: {value: 12}},
  {
    name: 'arm64-v1-64k-unlimited',
    version: 'v1',
    limit: {unlimited: '/sys/fs/cgroup/pids/pids.max'},
    current: {value: 4},
  },
  {
    name: 'docker-v1-malformed',
    version: 'v1',
    limit: {value: 50, path: '/sys/fs/cgroup/pids/pids.max'},
    current: {value: 3},
  },
  {
    name: 'vm-v1hybrid-hostns-limits',
    version: 'v1',
    limit: {value: 64, path: '/sys/fs/cgroup/pids/gvfixture-hostns/pids.max'},
    current: {value: 11},
  },
  {name: 'unshare-v1hybrid-private-limits', version: 'v1', limit: {value: 64}, current: {value: 12}},
  {
    name: 'unshare-v1-above-root',
    version: 'v1',
    limit: {value: 300, path: '/sys/fs/cgroup/pids/pids.max'},
    current: {value: 2},
  },
  {name: 'docker-v2-private', version: 'v2', limit: {value: 100, path: '/sys/fs/cgroup/pids.max'}, current: {value: 7}},
  {name: 'docker-v2-unlimited', version: 'v2', limit: {unlimited: '/sys/fs/cgroup/pids.max'}, current: {value: 3}},
  {
    name: 'docker-v2-malformed',
    version: 'v2',
    limit: {unknown: 'malformed', path: '/sys/fs/cgroup/pids.max'},
    current: {value: 5},
  },
  {name: 'k8s-v2-pod-limit', version: 'v2', limit: {value: 1024, path: `${POD}/pids.max`}, current: {value: 23}},
  {name: 'k8s-v2-leaf-tighter', version: 'v2', limit: {value: 1024, path: `${LT_POD}/pids.max`}, current: {value: 9}},
  {name: 'findings-v2-throttled-oom', version: 'v2', limit: {value: 64}, current: {value: 62}},
]

for (const c of PIDS) {
  test(`pids ${c.version}: ${c.name}`, () => {
    const pids = controllers(c.name).pids
    assert.ok(pids instanceof (c.version === 'v1' ? V1Pids : V2Pids), `a ${c.version} controller`)
    check('limit', pids.limit().result, c.limit)
    check('current', pids.current(), c.current)
  })
}

// --- io -----------------------------------------------------------------------------------------------

const lines = (io: Controllers['io'], dir: string): IoLimitLine[] =>
  io.limitFiles(dir).flatMap((f) => (f.kind === 'value' ? f.value : []))

test('io v1: docker-v1-hostns', () => {
  const io = controllers('docker-v1-hostns').io
  assert.ok(io instanceof V1Io)
  // --device-read-bps /dev/sda:1mb --device-write-iops /dev/sda:500
  assert.equal(lines(io, io.dirs[0]!), [
    {device: '8:0', key: 'readBps', value: 1048576},
    {device: '8:0', key: 'writeIops', value: 500},
  ])
})

test('io v1: one of the two stat files unreadable: the other half stands, and debug.problems says why', () => {
  const root = copyFixture('docker-v1-hostns', join(scratch('gv-io-'), 'tree'))
  const dir = '/sys/fs/cgroup/blkio'
  rmSync(join(root, dir, 'blkio.throttle.io_serviced_recursive'))
  const sys = new Sysroot(root)
  const d = discover(sys)
  const st = controllersFor(sys, d, readHostMemory(sys, d.mounts)).io.stat()
  assert.is(st.kind, 'value')
  if (st.kind !== 'value') return
  assert.ok(st.value.length > 0)
  for (const dev of st.value) {
    assert.is(dev.readOps, null)
    assert.is(dev.writeOps, null)
    assert.type(dev.readBytes, 'number')
  }
  assert.equal(fileProblems(sys), [
    {
      path: `${dir}/blkio.throttle.io_serviced_recursive`,
      reason: `${dir}/blkio.throttle.io_serviced_recursive: absent: the operations read and written are unknown`,
    },
  ])
})

test('io v2: docker-v2-private', () => {
  const io = controllers('docker-v2-private').io
  assert.ok(io instanceof V2Io)
  // io.max `8:0 rbps=10485760 wbps=max riops=max wiops=1000`
  assert.equal(lines(io, '/sys/fs/cgroup'), [
    {device: '8:0', key: 'readBps', value: 10485760},
    {device: '8:0', key: 'writeBps', value: null},
    {device: '8:0', key: 'readIops', value: null},
    {device: '8:0', key: 'writeIops', value: 1000},
  ])
  // io.stat: 8:0 160 reads and 259:0 512 reads (explain-v2-lxcfs NOTE.md); 25 MiB read, 1 MiB written in all.
  const st = io.stat()
  assert.ok(st.kind === 'value')
  if (st.kind === 'value') {
    assert.equal(
      st.value.map((s) => [s.device, s.readOps]),
      [
        ['8:0', 160],
        ['259:0', 512],
      ],
    )
    assert.is(
      st.value.reduce((a, s) => a + (s.readBytes ?? 0), 0),
      25 * 1024 * 1024,
    )
    assert.is(
      st.value.reduce((a, s) => a + (s.writeBytes ?? 0), 0),
      1024 * 1024,
    )
  }
})

test('io v2: k8s-v2-pod-limit', () => {
  const io = controllers('k8s-v2-pod-limit').io
  // The pod caps reads of 8:0 at 2 MiB/s; the container scope caps its writes at 1 MiB/s; 259:0 is "max".
  assert.equal(
    lines(io, POD).filter((l) => l.value !== null),
    [{device: '8:0', key: 'readBps', value: 2097152}],
  )
  assert.equal(
    lines(io, POD_LEAF).filter((l) => l.value !== null),
    [{device: '8:0', key: 'writeBps', value: 1048576}],
  )
})

test('io v2: docker-v2-unlimited', () => {
  const io = controllers('docker-v2-unlimited').io
  assert.equal(io.limitFiles('/sys/fs/cgroup'), [{kind: 'value', value: [], path: '/sys/fs/cgroup/io.max'}])
})

// The kernel refuses a CFS quota (and period) below 1 ms: tg_set_cfs_bandwidth() in kernel/sched/core.c returns
// -EINVAL when quota < min_cfs_quota_period (1 ms), so "0" or "500" in the file was not written by the kernel.
// A limit of 0 cores would be a lie: it is malformed, with a reason. (Found by the sysroot fuzz's schema check.)
test("cpu: a quota below the kernel's 1 ms minimum is malformed, not a limit of 0 cores", () => {
  const cases: [fixture: string, file: string, text: string][] = [
    ['docker-v2-private', 'sys/fs/cgroup/cpu.max', '0 100000\n'],
    ['docker-v2-private', 'sys/fs/cgroup/cpu.max', '999 100000\n'],
    ['docker-v1-hostns', 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us', '0\n'],
    ['docker-v1-hostns', 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us', '999\n'],
  ]
  try {
    for (const [fixture, file, text] of cases) {
      const root = copyFixture(fixture, join(scratch('gv-quota-'), 'tree'))
      writeFileSync(join(root, file), text)
      const sys = new Sysroot(root)
      const d = discover(sys)
      const f = controllersFor(sys, d, readHostMemory(sys, d.mounts)).cpu.limit().result
      check(`${fixture} ${file} = ${JSON.stringify(text)}`, f, {unknown: 'malformed', path: `/${file}`})
      if (f.kind === 'malformed') assert.match(f.reason, /below the kernel's 1 ms minimum/)
    }
  } finally {
    cleanupScratch()
  }
})

// The kernel keeps cpu.shares in 2..262144 (it clamps a write: sched_group_set_shares, kernel/sched/fair.c) and
// refuses a cpu.weight outside 1..10000 (cpu_weight_write_u64: -ERANGE). Another number was not written by the
// kernel (a link to cgroup.procs showed shares 1). (Found by the sysroot fuzz's schema check.)
test("cpu: shares and weight outside the kernel's range are malformed", () => {
  const cases: [fixture: string, file: string, text: string, read: 'shares' | 'weight'][] = [
    ['docker-v1-hostns', 'sys/fs/cgroup/cpu,cpuacct/cpu.shares', '1\n', 'shares'],
    ['docker-v1-hostns', 'sys/fs/cgroup/cpu,cpuacct/cpu.shares', '262145\n', 'shares'],
    ['docker-v2-private', 'sys/fs/cgroup/cpu.weight', '0\n', 'weight'],
    ['docker-v2-private', 'sys/fs/cgroup/cpu.weight', '10001\n', 'weight'],
  ]
  try {
    for (const [fixture, file, text, read] of cases) {
      const root = copyFixture(fixture, join(scratch('gv-weight-'), 'tree'))
      writeFileSync(join(root, file), text)
      const sys = new Sysroot(root)
      const d = discover(sys)
      const cpu = controllersFor(sys, d, readHostMemory(sys, d.mounts)).cpu
      const label = `${fixture} ${file} = ${JSON.stringify(text)}`
      check(label, read === 'shares' ? cpu.shares() : cpu.weight(), {unknown: 'malformed', path: `/${file}`})
      check(`${label}: relative weight`, cpu.relativeWeight(), {unknown: 'malformed', path: `/${file}`})
    }
  } finally {
    cleanupScratch()
  }
})

// A process's cpuset is never empty (v1 refuses to attach a task to a cpuset without CPUs, cgroup-v1/cpusets.rst;
// v2's effective list is then the parent's, cgroup-v2.rst): an empty list was no kernel's, and made 0 cores.
test('cpu: an empty cpuset is malformed, not 0 CPUs', () => {
  const cases: [fixture: string, file: string][] = [
    ['docker-v1-hostns', 'sys/fs/cgroup/cpuset/cpuset.effective_cpus'],
    ['explain-v2-plain', 'sys/fs/cgroup/cpuset.cpus.effective'],
  ]
  try {
    for (const [fixture, file] of cases) {
      const root = copyFixture(fixture, join(scratch('gv-cpuset-'), 'tree'))
      writeFileSync(join(root, file), '\n')
      const sys = new Sysroot(root)
      const d = discover(sys)
      const cpu = controllersFor(sys, d, readHostMemory(sys, d.mounts)).cpu
      check(`${fixture} ${file} empty`, cpu.cpuset(), {unknown: 'malformed', path: `/${file}`})
    }
  } finally {
    cleanupScratch()
  }
})

test.run()
