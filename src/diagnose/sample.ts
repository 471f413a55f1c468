// `diagnose`: two snapshots an interval apart, and the deltas between them. Each snapshot is taken with a
// fresh Sysroot over the same root (a Sysroot caches every file it reads: one instance is one snapshot).
// Counters come from the same readers as `owns` (the cgroup that sets the CPU limit for throttling, cpuacct
// or cpu.stat for usage), plus /proc/stat for the host and /proc/PID/status for the container's tasks.
//
// Deltas are guarded: a counter that went backwards (the cgroup was recreated, a PID was reused) is
// reported as unknown with the reason, never as a negative number. With --root (a static tree) both
// snapshots read the same files, so every delta is zero.
//
// Each counter is a Field (sysroot/outcome.ts), as the report's values are: a counter that cannot be read
// keeps the kind and reason its read gave, and a delta of it says that reason.
import {discover} from '../cgroup/discover.js'
import {effectiveCoresBasis} from '../model/cpu.js'
import {procStatNotHostWide} from '../model/host.js'
import {USER_HZ} from '../model/hostview.js'
import type {PressureValue} from '../model/pressure.js'
import {parseDiskstats, type DiskCounters} from '../parse/diskstats.js'
import {parseNetDev} from '../parse/net-dev.js'
import {parseProcStat} from '../parse/proc-stat.js'
import {parseProcStatus} from '../parse/proc-status.js'
import {readNamespace} from '../probes/namespaces.js'
import {buildOwnsWithCounters, type OwnsReport} from '../report/owns.js'
import {mapField, missingKey, notThere, orNull, value, type Read, type UnknownKind} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import {Sysroot} from '../sysroot/sysroot.js'

/** At most this many tasks are read per snapshot (a root cgroup in the host's namespace lists every process). */
export const MAX_PIDS = 4096
/** Enough of cgroup.procs for MAX_PIDS and some more to count (a PID is at most 7 digits and a newline). */
const PROCS_HEAD_BYTES = 64 * 1024
/** PID_MAX_LIMIT (include/linux/threads.h): 4194304 on 64-bit. */
const PID_MAX = 4_194_304

export type Counter = Read<number>

/**
 * The counters `diagnose` compares, under the same names in a snapshot (C = Counter: as read) and in the
 * deltas (C = Delta: the change over the interval; the other fields from the later snapshot, else the earlier).
 */
type Counters<C> = {
  throttling: {periods: C; throttledPeriods: C; throttledSeconds: C}
  cpuUsageSeconds: C
  /**
   * Throttling by any quota, a hidden ancestor's included (cpu.stat.local, kernels since 2023), and the
   * visible top when ancestors above it are hidden (null: every level is in sight).
   */
  hiddenCpu: {visibleTop: string | null; localThrottledSeconds: C}
  cpuPressureSomeSeconds: C
  memoryPressureSomeSeconds: C
  ioPressureSomeSeconds: C
  /**
   * notHostWide: why /proc/stat does not count the host's CPUs (lxcfs), null when the kernel serves it (in
   * Deltas: null when it did in both snapshots).
   */
  host: {busySeconds: C; idleSeconds: C; stealSeconds: C; cpus: number | null; notHostWide: string | null}
  oomKills: C
  failcnt: C
  /** The container's own block I/O (io.stat / blkio), summed over its devices. */
  io: {readBytes: C; writeBytes: C}
  /** The network namespace's interfaces but lo (/proc/net/dev), summed; `scope` says whose they are. */
  net: {rxBytes: C; txBytes: C; errors: C; drops: C; scope: NetScope}
  /** Forks refused at pids.max (pids.events "max"). */
  pidsMaxEvents: C
}

/** Levels (not counters): what the rates are measured against. Deltas take them from the later snapshot. */
export type Levels = {
  pidsCurrent: number | null
  pidsCurrentSource: string | null
  pidsLimit: number | null
  pidsLimitSource: string | null
  limitCores: number | null
  limitSource: string | null
  effectiveCores: number | null
  effectiveCoresBasis: string
  workingSetBytes: number | null
  memoryLimitBytes: number | null
  memoryLimitSource: string | null
}

export type Snapshot = Counters<Counter> & {
  /** Milliseconds (monotonic) when the snapshot started. */
  atMs: number
  /**
   * nonvoluntary_ctxt_switches per PID listed in the cpu cgroup's cgroup.procs: the first MAX_PIDS only;
   * `notRead` counts the PIDs dropped past it (`listedAtLeast`: cgroup.procs was longer than it was read).
   */
  tasks: {
    switches: Map<number, number>
    listed: number
    notRead: number
    listedAtLeast: boolean
    source: string | null
    reason?: string
  }
  /** Every block device of the host (/proc/diskstats): busy time and time in queue. Host-wide. */
  disks: Read<DiskCounters[]>
  /** The report this snapshot was read with (watch and serve draw limits and findings from it). */
  owns: OwnsReport
  levels: Levels
}

/**
 * container: the interfaces of a network namespace that is not the host's (a container's own); host: the
 * initial network namespace (host networking), every tenant's traffic together; unknown: /proc/self/ns/net
 * could not be read.
 */
export type NetScope = 'container' | 'host' | 'unknown'

/** Summed over the interfaces (lo left out: traffic to oneself is not the network). */
function netCounters(sys: Sysroot): Snapshot['net'] {
  const dev = readField(sys, '/proc/net/dev', parseNetDev)
  const ns = readNamespace(sys, 'net')
  const sum = (
    pick: (l: {
      rxBytes: number
      txBytes: number
      rxErrs: number
      txErrs: number
      rxDrop: number
      txDrop: number
    }) => number,
  ) => mapField(dev, (lines) => lines.filter((l) => l.iface !== 'lo').reduce((a, l) => a + pick(l), 0))
  return {
    rxBytes: sum((l) => l.rxBytes),
    txBytes: sum((l) => l.txBytes),
    errors: sum((l) => l.rxErrs + l.txErrs),
    drops: sum((l) => l.rxDrop + l.txDrop),
    scope: ns.initial === null ? 'unknown' : ns.initial ? 'host' : 'container',
  }
}

/** One of io.stat's columns summed over devices; unknown when io.stat could not be read. */
function ioSum(owns: OwnsReport, pick: 'readBytes' | 'writeBytes'): Counter {
  const src = owns.io.statSource
  if (!owns.io.stat)
    return {kind: 'absent', path: src, reason: owns.debug.unknown['io.stat']?.reason ?? 'io.stat unread'}
  return value(
    owns.io.stat.reduce((a, d) => a + (d[pick] ?? 0), 0),
    src ?? 'io.stat',
  )
}

function psiSome(p: PressureValue): Counter {
  if (p.state === 'unavailable') return {kind: p.kind, path: p.source, reason: p.reason}
  return p.some ? value(p.some.totalSeconds, p.source) : missingKey(p.source, '"some"')
}

/** One snapshot of every counter `diagnose` compares, read through `sys` only. */
export function snapshot(sys: Sysroot, atMs: number = performance.now()): Snapshot {
  const d = discover(sys)
  const {report: owns, counters} = buildOwnsWithCounters(sys, d, new Date())
  const c = owns.cpu
  const t = counters.cpu.throttling
  const throttling = {
    periods: mapField(t, (x) => x.periods),
    throttledPeriods: mapField(t, (x) => x.throttledPeriods),
    throttledSeconds: mapField(t, (x) => x.throttledSeconds),
  }

  const stat = readField(sys, '/proc/stat', parseProcStat)
  const ticks = (...v: bigint[]) => Number(v.reduce((a, b) => a + b, 0n)) / USER_HZ
  // guest and guest_nice are already counted in user and nice: not added again.
  const host: Snapshot['host'] = {
    busySeconds: mapField(stat, (s) => ticks(s.total.user, s.total.nice, s.total.system, s.total.irq, s.total.softirq)),
    idleSeconds: mapField(stat, (s) => ticks(s.total.idle, s.total.iowait)),
    stealSeconds: mapField(stat, (s) => ticks(s.total.steal)),
    cpus: stat.kind === 'value' ? stat.value.perCpu.size || null : null,
    notHostWide: procStatNotHostWide(d.mounts),
  }

  const m = owns.memory
  const failcnt = counters.memory.failcnt
  return {
    atMs,
    throttling,
    cpuUsageSeconds: counters.cpu.usageSeconds,
    hiddenCpu: {
      visibleTop: counters.hidden.cpu.hidden?.visibleTop ?? null,
      localThrottledSeconds: counters.hidden.cpu.localThrottledSeconds,
    },
    cpuPressureSomeSeconds: psiSome(owns.pressure.cpu),
    memoryPressureSomeSeconds: psiSome(owns.pressure.memory),
    ioPressureSomeSeconds: psiSome(owns.pressure.io),
    host,
    tasks: readTaskSwitches(sys, counters.cpu.tasksDir),
    oomKills: counters.memory.oomKills,
    failcnt:
      failcnt ?? notThere('this cgroup version has no memory.failcnt (cgroup v2 counts limit hits in memory.events)'),
    io: {readBytes: ioSum(owns, 'readBytes'), writeBytes: ioSum(owns, 'writeBytes')},
    disks: readField(sys, '/proc/diskstats', parseDiskstats),
    net: netCounters(sys),
    pidsMaxEvents: counters.pids.maxEvents,
    owns,
    levels: {
      pidsCurrent: owns.pids.current,
      pidsCurrentSource: owns.pids.currentSource,
      pidsLimit: owns.pids.limit.state === 'limited' ? owns.pids.limit.value : null,
      pidsLimitSource: owns.pids.limit.source,
      limitCores: c.limit.state === 'limited' ? c.limit.value : null,
      limitSource: c.limit.source,
      effectiveCores: c.effectiveCores ?? c.effectiveCoresAtMost,
      effectiveCoresBasis: effectiveCoresBasis(c),
      workingSetBytes: m.workingSetBytes,
      memoryLimitBytes: m.limit.state === 'limited' ? m.limit.value : null,
      memoryLimitSource: m.limit.source,
    },
  }
}

/** nonvoluntary_ctxt_switches of each process in the cpu cgroup directory's cgroup.procs. Unreadable PIDs are skipped. */
export function readTaskSwitches(sys: Sysroot, cpuDir: string | null): Snapshot['tasks'] {
  const switches = new Map<number, number>()
  const none = {switches, listed: 0, notRead: 0, listedAtLeast: false}
  if (!cpuDir) return {...none, source: null, reason: 'cpu cgroup directory unknown'}
  const procsPath = joinGuest(cpuDir, 'cgroup.procs')
  // A root cgroup in the host's namespace lists every process on the host (a forged one, 200 MB of them):
  // only the head is read, and the PIDs past MAX_PIDS are counted as not read (issue 13 item 5).
  const procs = sys.readHead(procsPath, PROCS_HEAD_BYTES)
  if (procs.kind !== 'value') return {...none, source: procsPath, reason: procs.reason}
  const lines = procs.value.text.split('\n')
  if (procs.value.truncated) lines.pop() // the last line may be cut in the middle of a PID
  const pids = lines
    .map((l) => l.trim())
    .filter((l) => /^\d{1,10}$/.test(l))
    .map(Number)
    .filter((p) => p > 0 && p <= PID_MAX)
  // cgroup.procs lists PIDs as our PID namespace numbers them: read their status in our /proc (with --pid,
  // the target's /proc may number them otherwise).
  const own = sys.base()
  for (const pid of pids.slice(0, MAX_PIDS)) {
    const st = readField(own, `/proc/${pid}/status`, parseProcStatus)
    if (st.kind !== 'value') continue // gone since cgroup.procs was read, or hidden (hidepid): skipped
    const n = st.value.get('nonvoluntary_ctxt_switches')
    if (n !== undefined && /^\d+$/.test(n)) switches.set(pid, Number(n))
  }
  return {
    switches,
    listed: pids.length,
    notRead: Math.max(0, pids.length - MAX_PIDS),
    listedAtLeast: procs.value.truncated,
    source: `${procsPath}, /proc/PID/status nonvoluntary_ctxt_switches`,
  }
}

// --- deltas ------------------------------------------------------------------------------------------

/** A counter's change over the interval: a number >= 0, or null with the reason. Never negative. */
export type Delta = {
  delta: number | null
  perSecond: number | null
  before: number | null
  after: number | null
  source: string | null
  reason?: string
  /** When a side could not be read: the kind of its Field (absent, unsupported, denied, malformed). */
  kind?: UnknownKind
}

export function deltaOf(a: Counter, b: Counter, seconds: number): Delta {
  const base = {before: orNull(a), after: orNull(b), source: b.path ?? a.path}
  if (b.kind !== 'value') return {...base, delta: null, perSecond: null, reason: b.reason, kind: b.kind}
  if (a.kind !== 'value') return {...base, delta: null, perSecond: null, reason: a.reason, kind: a.kind}
  if (a.path !== b.path) {
    return {
      ...base,
      delta: null,
      perSecond: null,
      reason: `read from ${a.path}, then from ${b.path}: the cgroup that holds it changed`,
    }
  }
  if (b.value < a.value) {
    return {
      ...base,
      delta: null,
      perSecond: null,
      reason: `went backwards (${a.value} -> ${b.value}): the counter was reset or the cgroup recreated`,
    }
  }
  const delta = b.value - a.value
  return {...base, delta, perSecond: seconds > 0 ? delta / seconds : null}
}

export type SwitchesDelta = Delta & {
  pids: number
  gone: number
  appeared: number
  reused: number
  /** PIDs listed but not read (past MAX_PIDS), in the later snapshot; "+" when cgroup.procs was longer still. */
  notRead: number
  notReadAtLeast: boolean
}

/** Summed over PIDs present in both snapshots; vanished and new PIDs are counted, not summed; a PID whose count fell was reused. */
export function switchesDelta(a: Snapshot['tasks'], b: Snapshot['tasks'], seconds: number): SwitchesDelta {
  let before = 0
  let after = 0
  let pids = 0
  let reused = 0
  for (const [pid, n0] of a.switches) {
    const n1 = b.switches.get(pid)
    if (n1 === undefined) continue
    if (n1 < n0) {
      reused++
      continue
    }
    before += n0
    after += n1
    pids++
  }
  const gone = [...a.switches.keys()].filter((p) => !b.switches.has(p)).length
  const appeared = [...b.switches.keys()].filter((p) => !a.switches.has(p)).length
  const counts = {
    pids,
    gone,
    appeared,
    reused,
    notRead: Math.max(a.notRead, b.notRead),
    notReadAtLeast: a.listedAtLeast || b.listedAtLeast,
  }
  const source = b.source ?? a.source
  const unread = b.reason ?? a.reason
  if (unread) return {delta: null, perSecond: null, before: null, after: null, source, reason: unread, ...counts}
  if (pids === 0) {
    const reason = `no process of the cgroup could be read in both snapshots (${a.listed} then ${b.listed} listed; /proc/PID/status missing or hidden)`
    return {delta: null, perSecond: null, before: null, after: null, source, reason, ...counts}
  }
  const delta = after - before
  return {delta, perSecond: seconds > 0 ? delta / seconds : null, before, after, source, ...counts}
}

export type Deltas = Counters<Delta> & {
  elapsedSeconds: number
  nonvoluntarySwitches: SwitchesDelta
  disk: DiskDelta
  levels: Levels
}

export function computeDeltas(a: Snapshot, b: Snapshot): Deltas {
  const s = Math.max(0, (b.atMs - a.atMs) / 1000)
  const d = (x: Counter, y: Counter) => deltaOf(x, y, s)
  return {
    elapsedSeconds: s,
    throttling: {
      periods: d(a.throttling.periods, b.throttling.periods),
      throttledPeriods: d(a.throttling.throttledPeriods, b.throttling.throttledPeriods),
      throttledSeconds: d(a.throttling.throttledSeconds, b.throttling.throttledSeconds),
    },
    cpuUsageSeconds: d(a.cpuUsageSeconds, b.cpuUsageSeconds),
    hiddenCpu: {
      visibleTop: b.hiddenCpu.visibleTop ?? a.hiddenCpu.visibleTop,
      localThrottledSeconds: d(a.hiddenCpu.localThrottledSeconds, b.hiddenCpu.localThrottledSeconds),
    },
    cpuPressureSomeSeconds: d(a.cpuPressureSomeSeconds, b.cpuPressureSomeSeconds),
    memoryPressureSomeSeconds: d(a.memoryPressureSomeSeconds, b.memoryPressureSomeSeconds),
    ioPressureSomeSeconds: d(a.ioPressureSomeSeconds, b.ioPressureSomeSeconds),
    host: {
      busySeconds: d(a.host.busySeconds, b.host.busySeconds),
      idleSeconds: d(a.host.idleSeconds, b.host.idleSeconds),
      stealSeconds: d(a.host.stealSeconds, b.host.stealSeconds),
      cpus: b.host.cpus ?? a.host.cpus,
      notHostWide: b.host.notHostWide ?? a.host.notHostWide,
    },
    nonvoluntarySwitches: switchesDelta(a.tasks, b.tasks, s),
    oomKills: d(a.oomKills, b.oomKills),
    failcnt: d(a.failcnt, b.failcnt),
    io: {readBytes: d(a.io.readBytes, b.io.readBytes), writeBytes: d(a.io.writeBytes, b.io.writeBytes)},
    disk: diskDelta(a.disks, b.disks, s),
    net: {
      rxBytes: d(a.net.rxBytes, b.net.rxBytes),
      txBytes: d(a.net.txBytes, b.net.txBytes),
      errors: d(a.net.errors, b.net.errors),
      drops: d(a.net.drops, b.net.drops),
      scope: b.net.scope,
    },
    pidsMaxEvents: d(a.pidsMaxEvents, b.pidsMaxEvents),
    levels: b.levels,
  }
}

/**
 * The busiest block device of the host over the interval, as iostat -x finds it: busy share (%util, the
 * growth of io_ticks over wall time) and average queue length (avgqu-sz, the growth of the weighted time).
 * Devices present in both snapshots only; a counter that went backwards drops that device.
 */
export type DiskDelta = {
  device: string | null
  busyShare: number | null
  queueLength: number | null
  devices: number
  source: string | null
  reason?: string
}

export function diskDelta(a: Read<DiskCounters[]>, b: Read<DiskCounters[]>, seconds: number): DiskDelta {
  const source = b.path ?? a.path
  const bad = b.kind !== 'value' ? b : a.kind !== 'value' ? a : null
  if (bad) return {device: null, busyShare: null, queueLength: null, devices: 0, source, reason: bad.reason}
  if (a.kind !== 'value' || b.kind !== 'value' || seconds <= 0)
    return {
      device: null,
      busyShare: null,
      queueLength: null,
      devices: 0,
      source,
      reason: 'no time between the snapshots',
    }
  const before = new Map(a.value.map((x) => [x.name, x]))
  let best: DiskDelta = {device: null, busyShare: null, queueLength: null, devices: 0, source}
  let devices = 0
  for (const x of b.value) {
    const y = before.get(x.name)
    if (!y || x.ioTicksMs < y.ioTicksMs || x.weightedMs < y.weightedMs) continue
    devices++
    const busy = Math.min(1, (x.ioTicksMs - y.ioTicksMs) / 1000 / seconds)
    const queue = (x.weightedMs - y.weightedMs) / 1000 / seconds
    if (best.busyShare === null || busy > best.busyShare)
      best = {device: x.name, busyShare: busy, queueLength: queue, devices: 0, source}
  }
  if (devices === 0) return {...best, reason: 'no block device was listed in both snapshots'}
  return {...best, devices}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Two snapshots `intervalSeconds` apart, each through a fresh Sysroot over `rootDir` (as process `pid`, for
 * `--pid`), and their deltas.
 */
export async function sampleDeltas(
  rootDir: string,
  intervalSeconds: number,
  wait: (ms: number) => Promise<void> = sleep,
  pid: number | null = null,
): Promise<Deltas> {
  const first = snapshot(new Sysroot(rootDir, {pid}))
  await wait(intervalSeconds * 1000)
  const second = snapshot(new Sysroot(rootDir, {pid}))
  return computeDeltas(first, second)
}
