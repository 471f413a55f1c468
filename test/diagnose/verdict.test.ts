// Table tests of the LISA17 CPU differential diagnosis over synthetic deltas: every branch of the tree,
// the unknown branches, and the USE summary.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {deltaOf, type Counter, type Delta, type Deltas, type SwitchesDelta} from '../../src/diagnose/sample.js'
import {diagnose, useSummary, type VerdictId} from '../../src/diagnose/verdict.js'

const S = 1 // interval in seconds: rates equal deltas
const c = (value: number | null, source = '/cg/cpu.stat', reason = 'unreadable'): Counter =>
  value === null ? {kind: 'denied', path: source, reason} : {kind: 'value', value, path: source}
/** A delta of `d` over S seconds, or an unknown one with `reason`. */
const dl = (d: number | null, source = '/cg/cpu.stat', reason = 'unreadable'): Delta =>
  d === null ? deltaOf(c(null, source, reason), c(null, source, reason), S) : deltaOf(c(0, source), c(d, source), S)
const sw = (d: number | null, pids = 2): SwitchesDelta => ({
  ...(d === null ? dl(null, '/cg/cgroup.procs', 'status hidden') : dl(d, '/cg/cgroup.procs')),
  pids,
  gone: 0,
  appeared: 0,
  reused: 0,
  notRead: 0,
  notReadAtLeast: false,
})

type Spec = {
  throttledSeconds?: number | null
  throttledPeriods?: number | null
  periods?: number | null
  switches?: number | null
  busy?: number | null
  idle?: number | null
  steal?: number | null
  own?: number | null
  cpus?: number | null
  /** cpu.stat.local's rise (absent: not on this kernel), and the visible top when ancestors are hidden. */
  local?: number
  hiddenTop?: string
  /** Why /proc/stat is not the host's (lxcfs); absent: host-wide. */
  notHostWide?: string
}

function deltas(s: Spec): Deltas {
  return {
    elapsedSeconds: S,
    throttling: {
      periods: dl(s.periods === undefined ? 10 : s.periods),
      throttledPeriods: dl(s.throttledPeriods === undefined ? 0 : s.throttledPeriods),
      throttledSeconds: dl(s.throttledSeconds === undefined ? 0 : s.throttledSeconds),
    },
    cpuUsageSeconds: dl(s.own === undefined ? 0.1 : s.own, '/cg/cpuacct.usage'),
    hiddenCpu: {
      visibleTop: s.hiddenTop ?? null,
      localThrottledSeconds:
        s.local === undefined ? dl(null, '/cg/cpu.stat.local', 'absent') : dl(s.local, '/cg/cpu.stat.local'),
    },
    cpuPressureSomeSeconds: dl(null, '/cg/cpu.pressure', 'no cgroup2'),
    memoryPressureSomeSeconds: dl(0.25, '/cg/memory.pressure'),
    host: {
      busySeconds: dl(s.busy === undefined ? 0.5 : s.busy, '/proc/stat'),
      idleSeconds: dl(s.idle === undefined ? 1.5 : s.idle, '/proc/stat'),
      stealSeconds: dl(s.steal === undefined ? 0 : s.steal, '/proc/stat'),
      cpus: s.cpus === undefined ? 2 : s.cpus,
      notHostWide: s.notHostWide ?? null,
    },
    nonvoluntarySwitches: sw(s.switches === undefined ? 0 : s.switches),
    oomKills: dl(1, '/cg/memory.oom_control'),
    failcnt: dl(3, '/cg/memory.failcnt'),
    levels: {
      limitCores: 0.5,
      limitSource: '/cg/cpu.cfs_quota_us',
      effectiveCores: 0.5,
      effectiveCoresBasis: 'min of quota 0.5 cores',
      workingSetBytes: 256,
      memoryLimitBytes: 1024,
      memoryLimitSource: '/cg/memory.limit_in_bytes',
    },
  }
}

const LXCFS = "/proc/stat is lxcfs's view of this container (mountinfo: /proc/stat is a fuse.lxcfs mount)"

const TABLE: [string, Spec, VerdictId, string[]][] = [
  // [name, deltas, verdict, answers along the path]
  [
    'throttled time rising -> cap throttled',
    {throttledSeconds: 0.4, throttledPeriods: 8, switches: 900, idle: 0},
    'cap-throttled',
    ['yes'],
  ],
  [
    'throttled periods rising (time rounds to 0) -> cap throttled',
    {throttledSeconds: 0, throttledPeriods: 1},
    'cap-throttled',
    ['yes'],
  ],
  [
    'only throttled time known, rising -> cap throttled',
    {throttledSeconds: 0.1, throttledPeriods: null},
    'cap-throttled',
    ['yes'],
  ],
  ['flat throttling, few switches -> not throttled', {switches: 5}, 'not-throttled', ['no', 'no']],
  ['flat throttling, no switches at all -> not throttled', {switches: 0}, 'not-throttled', ['no', 'no']],
  [
    'switches rising, host has idle CPU -> not throttled (dig further)',
    {switches: 400, idle: 1.2, busy: 0.8},
    'not-throttled-dig-further',
    ['no', 'yes', 'yes'],
  ],
  [
    'switches rising, host busy, others idle -> physical CPU throttled',
    {switches: 400, idle: 0.02, busy: 1.98, own: 1.95},
    'physical-cpu-throttled',
    ['no', 'yes', 'no', 'yes'],
  ],
  [
    'switches rising, host busy, others busy -> share throttled',
    {switches: 400, idle: 0, busy: 2, own: 0.6},
    'share-throttled',
    ['no', 'yes', 'no', 'no'],
  ],
  [
    'own usage above host busy (read skew) counts others as 0 -> physical',
    {switches: 400, idle: 0, busy: 1.9, own: 2.0},
    'physical-cpu-throttled',
    ['no', 'yes', 'no', 'yes'],
  ],
  [
    'throttling unknown, switches unknown -> unknown',
    {throttledSeconds: null, throttledPeriods: null, switches: null},
    'unknown',
    ['unknown'],
  ],
  [
    'throttling flat, switches unknown -> unknown (share throttling not ruled out)',
    {switches: null},
    'unknown',
    ['no', 'unknown'],
  ],
  [
    'throttling unknown, few switches -> unknown (the first question has no answer)',
    {throttledSeconds: null, throttledPeriods: null, switches: 1},
    'unknown',
    ['unknown'],
  ],
  [
    'throttled time went backwards (cgroup recreated), switches rising, host idle -> unknown',
    {throttledSeconds: null, switches: 400},
    'unknown',
    ['unknown'],
  ],
  [
    'switches rising, /proc/stat unknown -> unknown',
    {switches: 400, idle: null, busy: null, cpus: null},
    'unknown',
    ['no', 'yes', 'unknown'],
  ],
  [
    'switches rising, host busy, own usage unknown -> unknown',
    {switches: 400, idle: 0, busy: 2, own: null},
    'unknown',
    ['no', 'yes', 'no', 'unknown'],
  ],
  [
    // lxcfs's /proc/stat: "busy" is the container's own 1.98 cores, so others came out at 0 (issue 12 item 5).
    'switches rising, /proc/stat from lxcfs (busy = own use) -> unknown, not physical',
    {switches: 400, idle: 0.02, busy: 1.98, own: 1.95, notHostWide: LXCFS},
    'unknown',
    ['no', 'yes', 'unknown'],
  ],
  [
    'switches rising, /proc/stat from lxcfs showing idle CPUs -> unknown, not dig-further',
    {switches: 400, idle: 1.2, busy: 0.8, own: 0.8, notHostWide: LXCFS},
    'unknown',
    ['no', 'yes', 'unknown'],
  ],
  [
    // issue 12 item 2: the visible cgroup has no quota; its ancestor above the namespace root has one.
    'visible throttling flat, cpu.stat.local rising, ancestors hidden -> cap throttled (by a hidden quota)',
    {switches: 400, idle: 1.2, busy: 0.8, local: 0.6, hiddenTop: '/sys/fs/cgroup'},
    'cap-throttled',
    ['yes'],
  ],
  [
    'visible throttling unknown, cpu.stat.local rising, ancestors hidden -> cap throttled',
    {throttledSeconds: null, throttledPeriods: null, local: 0.6, hiddenTop: '/sys/fs/cgroup'},
    'cap-throttled',
    ['yes'],
  ],
  [
    'cpu.stat.local rising no more than the visible quota explains -> the visible quota (no rise seen)',
    {switches: 400, idle: 1.2, busy: 0.8, throttledSeconds: 0, local: 0.005, hiddenTop: '/sys/fs/cgroup'},
    'not-throttled-dig-further',
    ['no', 'yes', 'yes'],
  ],
  [
    'cpu.stat.local rising with every level in sight (no hidden top) -> not taken as a hidden quota',
    {switches: 400, idle: 1.2, busy: 0.8, local: 0.6},
    'not-throttled-dig-further',
    ['no', 'yes', 'yes'],
  ],
]

for (const [name, spec, id, answers] of TABLE) {
  test(`verdict: ${name}`, () => {
    const v = diagnose(deltas(spec))
    assert.is(v.id, id, JSON.stringify(v.path))
    assert.equal(
      v.path.map((s) => s.answer),
      answers,
    )
    assert.ok(v.advice.length > 20 && !/undefined|NaN/.test(v.advice), v.advice)
    for (const s of v.path) assert.not.match(s.detail, /undefined|NaN/)
    for (const [k, n] of Object.entries(v.evidence))
      assert.ok(n === null || (Number.isFinite(n) && n >= 0), `${k} = ${n}`)
  })
}

test('verdict: evidence holds the rates per second of the interval', () => {
  const d = deltas({
    throttledSeconds: 1.2,
    throttledPeriods: 6,
    periods: 10,
    switches: 300,
    busy: 1.5,
    idle: 0.5,
    own: 0.5,
  })
  d.elapsedSeconds = 2
  for (const x of [
    d.throttling.throttledSeconds,
    d.throttling.throttledPeriods,
    d.nonvoluntarySwitches,
    d.host.busySeconds,
    d.host.idleSeconds,
    d.cpuUsageSeconds,
  ])
    x.perSecond = x.delta! / 2
  const v = diagnose(d)
  assert.is(v.id, 'cap-throttled')
  assert.is(v.evidence.throttledSecondsPerSecond, 0.6)
  assert.is(v.evidence.throttledPeriodsPerSecond, 3)
  assert.is(v.evidence.throttledRatio, 0.6)
  assert.is(v.evidence.nonvoluntarySwitchesPerSecond, 150)
  assert.is(v.evidence.hostBusyCores, 0.75)
  assert.is(v.evidence.ownUsageCores, 0.25)
  assert.is(v.evidence.otherTenantsCores, 0.5)
  assert.is(v.evidence.limitCores, 0.5)
  assert.match(v.advice, /0\.5 cores/)
  assert.match(v.advice, /60%/)
})

test('verdict: hypervisor steal is noted', () => {
  const v = diagnose(deltas({switches: 400, idle: 0, busy: 1.5, steal: 0.5, own: 0.5, cpus: 2}))
  assert.is(v.id, 'share-throttled')
  assert.ok(
    v.notes.some((n) => /steal/.test(n)),
    JSON.stringify(v.notes),
  )
  assert.equal(diagnose(deltas({})).notes, [])
})

test('verdict: under lxcfs no host figure is taken from /proc/stat, and the unknown step says why', () => {
  const v = diagnose(deltas({switches: 400, idle: 0.02, busy: 1.98, own: 1.95, steal: 0.5, notHostWide: LXCFS}))
  const e = v.evidence
  assert.equal(
    [e.hostBusyCores, e.hostIdleCores, e.hostStealCores, e.hostCpus, e.otherTenantsCores],
    [null, null, null, null, null],
  )
  assert.is(e.ownUsageCores, 1.95)
  assert.is(v.path[2]?.detail, LXCFS)
  assert.ok(v.advice.includes(LXCFS), v.advice)
  assert.equal(v.notes, [], 'no steal note from a /proc/stat that is not the host')
  // Cap throttling needs no host figure: still answered.
  assert.is(diagnose(deltas({throttledSeconds: 0.4, throttledPeriods: 8, notHostWide: LXCFS})).id, 'cap-throttled')
})

test('verdict: the hidden quota case says where the quota is not, and gives the rate', () => {
  const v = diagnose(deltas({switches: 400, local: 0.6, hiddenTop: '/sys/fs/cgroup/cpu'}))
  assert.is(v.title, 'cap throttled: a CPU quota above the visible cgroups caps you')
  assert.is(v.evidence.localThrottledSecondsPerSecond, 0.6)
  assert.match(v.path[0]!.detail, /\/cg\/cpu\.stat\.local.*a quota above \/sys\/fs\/cgroup\/cpu throttles you/)
  assert.match(v.advice, /above \/sys\/fs\/cgroup\/cpu/)
})

test('USE: CPU against effective cores, memory against the limit, saturation and errors from the deltas', () => {
  const u = useSummary(deltas({own: 0.25, throttledPeriods: 2, periods: 8, throttledSeconds: 0.1}))
  assert.is(u.cpu.utilization, 0.5)
  assert.is(u.cpu.saturation.throttledRatio, 0.25)
  assert.is(u.cpu.saturation.throttledSecondsPerSecond, 0.1)
  assert.is(u.cpu.saturation.pressureSomeShare, null)
  assert.is(u.memory.utilization, 0.25)
  assert.is(u.memory.saturation.pressureSomeShare, 0.25)
  assert.is(u.memory.saturation.failcntDelta, 3)
  assert.is(u.memory.errors.oomKillsDelta, 1)
})

test('USE: unknown usage, no limit and zero periods give null or 0, never NaN', () => {
  const d = deltas({own: null, periods: 0, throttledPeriods: 0})
  d.levels.memoryLimitBytes = null
  d.levels.effectiveCores = null
  const u = useSummary(d)
  assert.is(u.cpu.utilization, null)
  assert.is(u.cpu.saturation.throttledRatio, 0)
  assert.is(u.memory.utilization, null)
  assert.match(u.memory.utilizationBasis, /no memory limit/)
})

test.run()
