// One interval of a live view, for one container: the rates between two samples, the levels of the later
// one, the top processes, the verdict of `diagnose` and the USE table. What `watch --json` prints (one
// Frame per line, NDJSON: schema/watch.schema.json) and what the watch screen is drawn from.
import {computeDeltas, deltaOf, snapshot, type Snapshot} from '../diagnose/sample.js'
import {useOf, type Use} from '../diagnose/use.js'
import {diagnose, ratio, type VerdictId} from '../diagnose/verdict.js'
import type {Limit} from '../model/limit.js'
import type {PressureValue} from '../model/pressure.js'
import type {Target} from './targets.js'
import {readProcCpu, topProcesses, type ProcCpu, type TopProcess} from './top.js'

export type LiveSample = {target: string; at: Date; snap: Snapshot; procs: ProcCpu}

/** One snapshot of a target: the counters diagnose reads, and each process's CPU time. */
export function takeSample(t: Target): LiveSample {
  const sys = t.open()
  const at = new Date()
  const snap = snapshot(sys)
  return {target: t.name, at, snap, procs: readProcCpu(sys, snap.tasks.switches.keys())}
}

/** PSI avg10 of the container's own cgroup; null (with why) where only the system's PSI is readable. */
export type PsiNow = {someAvg10: number | null; fullAvg10: number | null; source: string} | {unavailable: string}

function psiNow(p: PressureValue): PsiNow {
  if (p.state === 'unavailable') return {unavailable: p.reason}
  if (p.source.startsWith('/proc/pressure/')) return {unavailable: `${p.source} is the host's, not this container's`}
  return {someAvg10: p.some?.avg10 ?? null, fullAvg10: p.full?.avg10 ?? null, source: p.source}
}

export type ContainerFrame = {
  container: string
  cgroupPath: string | null
  cpu: {
    usageCores: number | null
    /** Limits keep the report's tagged shape: limited, unlimited or unknown with the reason, never a bare null. */
    limit: Limit
    effectiveCores: number | null
    throttledRatio: number | null
    throttledSecondsPerSecond: number | null
  }
  memory: {
    workingSetBytes: number | null
    limit: Limit
    oomKillsSinceStart: number | null
  }
  pressure: {cpu: PsiNow; memory: PsiNow; io: PsiNow}
  pids: {current: number | null; limit: Limit}
  top: TopProcess[]
  verdict: {id: VerdictId; title: string}
  use: Use
}

export type Frame = {
  /** When the later sample was taken (ISO 8601). */
  at: string
  /** Seconds between the two samples, as measured. */
  elapsedSeconds: number
  containers: ContainerFrame[]
  /** --pod: the containers seen but not readable from here, each with why (absent when there are none). */
  unreadable?: {container: string; reason: string}[]
}

export function containerFrame(first: LiveSample, a: LiveSample, b: LiveSample): ContainerFrame {
  const d = computeDeltas(a.snap, b.snap)
  const v = diagnose(d)
  const o = b.snap.owns
  return {
    container: b.target,
    cgroupPath: o.cgroup.path,
    cpu: {
      usageCores: d.cpuUsageSeconds.perSecond,
      limit: o.cpu.limit,
      effectiveCores: d.levels.effectiveCores,
      throttledRatio: ratio(d.throttling.throttledPeriods, d.throttling.periods),
      throttledSecondsPerSecond: d.throttling.throttledSeconds.perSecond,
    },
    memory: {
      workingSetBytes: d.levels.workingSetBytes,
      limit: o.memory.limit,
      oomKillsSinceStart: deltaOf(first.snap.oomKills, b.snap.oomKills, 1).delta,
    },
    pressure: {cpu: psiNow(o.pressure.cpu), memory: psiNow(o.pressure.memory), io: psiNow(o.pressure.io)},
    pids: {current: d.levels.pidsCurrent, limit: o.pids.limit},
    top: topProcesses(a.procs, b.procs, d.elapsedSeconds),
    verdict: {id: v.id, title: v.title},
    use: useOf(d),
  }
}

/**
 * Whether the target's cgroup is still the one first sampled: the cgroup path and the cpu controller's
 * directory must not have changed (a process moved out, a cgroup removed and another in its place).
 */
export function sameCgroup(first: LiveSample, now: LiveSample): boolean {
  return first.snap.owns.cgroup.path === now.snap.owns.cgroup.path && first.snap.tasks.source === now.snap.tasks.source
}
