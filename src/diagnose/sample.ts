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
import {parseProcStat} from '../parse/proc-stat.js'
import {parseProcStatus} from '../parse/proc-status.js'
import {buildOwnsWithCounters} from '../report/owns.js'
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

export type Snapshot = {
  /** Milliseconds (monotonic) when the snapshot started. */
  atMs: number
  throttling: {periods: Counter; throttledPeriods: Counter; throttledSeconds: Counter}
  cpuUsageSeconds: Counter
  /**
   * Throttling by any quota, a hidden ancestor's included (cpu.stat.local, kernels since 2023), and the
   * visible top when ancestors above it are hidden (null: every level is in sight).
   */
  hiddenCpu: {visibleTop: string | null; localThrottledSeconds: Counter}
  cpuPressureSomeSeconds: Counter
  memoryPressureSomeSeconds: Counter
  /** notHostWide: why /proc/stat does not count the host's CPUs (lxcfs), null when the kernel serves it. */
  host: {
    busySeconds: Counter
    idleSeconds: Counter
    stealSeconds: Counter
    cpus: number | null
    notHostWide: string | null
  }
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
  oomKills: Counter
  failcnt: Counter
  /** Levels (not counters), from the later snapshot: what the rates are measured against. */
  limitCores: number | null
  limitSource: string | null
  effectiveCores: number | null
  effectiveCoresBasis: string
  workingSetBytes: number | null
  memoryLimitBytes: number | null
  memoryLimitSource: string | null
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
    host,
    tasks: readTaskSwitches(sys, counters.cpu.tasksDir),
    oomKills: counters.memory.oomKills,
    failcnt:
      failcnt ?? notThere('this cgroup version has no memory.failcnt (cgroup v2 counts limit hits in memory.events)'),
    limitCores: c.limit.state === 'limited' ? c.limit.value : null,
    limitSource: c.limit.source,
    effectiveCores: c.effectiveCores ?? c.effectiveCoresAtMost,
    effectiveCoresBasis: effectiveCoresBasis(c),
    workingSetBytes: m.workingSetBytes,
    memoryLimitBytes: m.limit.state === 'limited' ? m.limit.value : null,
    memoryLimitSource: m.limit.source,
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
  for (const pid of pids.slice(0, MAX_PIDS)) {
    const st = readField(sys, `/proc/${pid}/status`, parseProcStatus)
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

export type Deltas = {
  elapsedSeconds: number
  throttling: {periods: Delta; throttledPeriods: Delta; throttledSeconds: Delta}
  cpuUsageSeconds: Delta
  hiddenCpu: {visibleTop: string | null; localThrottledSeconds: Delta}
  cpuPressureSomeSeconds: Delta
  memoryPressureSomeSeconds: Delta
  /** notHostWide: why /proc/stat was not the host's in either snapshot (lxcfs), null when it was in both. */
  host: {busySeconds: Delta; idleSeconds: Delta; stealSeconds: Delta; cpus: number | null; notHostWide: string | null}
  nonvoluntarySwitches: SwitchesDelta
  oomKills: Delta
  failcnt: Delta
  /** Levels from the later snapshot. */
  levels: {
    limitCores: number | null
    limitSource: string | null
    effectiveCores: number | null
    effectiveCoresBasis: string
    workingSetBytes: number | null
    memoryLimitBytes: number | null
    memoryLimitSource: string | null
  }
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
    levels: {
      limitCores: b.limitCores,
      limitSource: b.limitSource,
      effectiveCores: b.effectiveCores,
      effectiveCoresBasis: b.effectiveCoresBasis,
      workingSetBytes: b.workingSetBytes,
      memoryLimitBytes: b.memoryLimitBytes,
      memoryLimitSource: b.memoryLimitSource,
    },
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Two snapshots `intervalSeconds` apart, each through a fresh Sysroot over `rootDir`, and their deltas. */
export async function sampleDeltas(
  rootDir: string,
  intervalSeconds: number,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<Deltas> {
  const first = snapshot(new Sysroot(rootDir))
  await wait(intervalSeconds * 1000)
  const second = snapshot(new Sysroot(rootDir))
  return computeDeltas(first, second)
}
