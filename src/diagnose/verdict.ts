// The talk's CPU differential diagnosis (Brendan Gregg, "Container Performance Analysis", LISA17,
// "CPU bottleneck identification"), as pure functions over the deltas of one interval:
//
//   throttled_time increasing? --Y--> cap throttled (the CFS quota caps you)
//     N: nonvoluntary context switches increasing? --N--> not throttled
//       Y: host has idle CPU? --Y--> not throttled (but dig further)
//         N: all other tenants idle? --Y--> physical CPU throttled (you saturate the machine)
//                                    --N--> share throttled (contention, decided by shares/weight)
//
// And the USE method (utilization, saturation, errors) for CPU and memory, container-aware: utilization
// against what the container owns, not against the host.
import {HIDDEN_THRESHOLDS} from '../model/hidden.js'
import * as units from '../units/units.js'
import type {Delta, Deltas} from './sample.js'

export type VerdictId =
  | 'cap-throttled'
  | 'share-throttled'
  | 'physical-cpu-throttled'
  | 'not-throttled-dig-further'
  | 'not-throttled'
  | 'unknown'

export type Step = {question: string; answer: 'yes' | 'no' | 'unknown'; detail: string}

export type Verdict = {
  id: VerdictId
  title: string
  /** Rates per second over the interval (cores = CPU-seconds per second); null when unknown. */
  evidence: {
    throttledSecondsPerSecond: number | null
    throttledPeriodsPerSecond: number | null
    throttledRatio: number | null
    /** cpu.stat.local: throttling by any quota, a hidden ancestor's included (null: not on this kernel). */
    localThrottledSecondsPerSecond: number | null
    nonvoluntarySwitchesPerSecond: number | null
    hostBusyCores: number | null
    hostIdleCores: number | null
    hostStealCores: number | null
    ownUsageCores: number | null
    otherTenantsCores: number | null
    hostCpus: number | null
    limitCores: number | null
  }
  advice: string
  path: Step[]
  notes: string[]
}

/** What "increasing", "idle" and "about zero" mean. Exposed so tests and users can see the cut-offs. */
export const THRESHOLDS = {
  /** Nonvoluntary switches per second below this are noise (timer ticks, a sleeping shell). */
  switchesPerSecond: 10,
  /** The host "has idle CPU" when at least this share of its CPU time was idle. */
  hostIdleShare: 0.05,
  /** Other tenants are "idle" when they used at most this many cores (or this share of the host's CPUs, if larger). */
  othersCores: 0.1,
  othersShare: 0.05,
  /**
   * cpu.stat.local throttled time rising by at least this many seconds per second (summed over CPUs), and
   * by more than HIDDEN_THRESHOLDS.localOverVisible times the visible quota's own, is a quota above the
   * visible cgroups throttling (issue 12 item 2).
   */
  hiddenThrottledSecondsPerSecond: 0.01,
  /** Steal above this share of the host's CPU time is mentioned: the hypervisor is short of CPU too. */
  stealShare: 0.05,
}

function ratio(part: Delta, whole: Delta): number | null {
  if (part.delta === null || whole.delta === null) return null
  return whole.delta > 0 ? part.delta / whole.delta : 0
}

export function evidenceOf(d: Deltas): Verdict['evidence'] {
  // Under lxcfs /proc/stat's busy time is the container's own use: "others" would come out at about 0 and
  // a busy host would read as the container saturating it. No host figure is taken from it (issue 12 item 5).
  const hostWide = d.host.notHostWide === null
  const busy = hostWide ? d.host.busySeconds.perSecond : null
  const own = d.cpuUsageSeconds.perSecond
  return {
    throttledSecondsPerSecond: d.throttling.throttledSeconds.perSecond,
    throttledPeriodsPerSecond: d.throttling.throttledPeriods.perSecond,
    throttledRatio: ratio(d.throttling.throttledPeriods, d.throttling.periods),
    localThrottledSecondsPerSecond: d.hiddenCpu.localThrottledSeconds.perSecond,
    nonvoluntarySwitchesPerSecond: d.nonvoluntarySwitches.perSecond,
    hostBusyCores: busy,
    hostIdleCores: hostWide ? d.host.idleSeconds.perSecond : null,
    hostStealCores: hostWide ? d.host.stealSeconds.perSecond : null,
    ownUsageCores: own,
    // Clamped at 0: own usage and host busy are read a few microseconds apart, and a container in the
    // host's cgroup namespace at "/" counts everything as its own.
    otherTenantsCores: busy === null || own === null ? null : Math.max(0, busy - own),
    hostCpus: hostWide ? d.host.cpus : null,
    limitCores: d.levels.limitCores,
  }
}

/** The host's CPU count for shares: /proc/stat's per-CPU lines, else the busy+idle+steal rate. */
function hostCpus(e: Verdict['evidence']): number | null {
  if (e.hostCpus !== null) return e.hostCpus
  if (e.hostBusyCores === null || e.hostIdleCores === null) return null
  return e.hostBusyCores + e.hostIdleCores + (e.hostStealCores ?? 0)
}

export function diagnose(d: Deltas): Verdict {
  const e = evidenceOf(d)
  const path: Step[] = []
  const notes: string[] = []
  const out = (id: VerdictId, title: string, advice: string): Verdict => ({id, title, evidence: e, advice, path, notes})
  const cpus = hostCpus(e)
  if (e.hostStealCores !== null && cpus && e.hostStealCores / cpus >= THRESHOLDS.stealShare) {
    notes.push(
      `hypervisor steal: ${units.cores(e.hostStealCores)} (${units.ratio(e.hostStealCores / cpus)} of the host's CPU time): the VM itself is short of CPU`,
    )
  }

  // 1. throttled_time increasing?
  const ts = d.throttling.throttledSeconds
  const tp = d.throttling.throttledPeriods
  if ((ts.delta ?? 0) > 0 || (tp.delta ?? 0) > 0) {
    path.push({
      question: 'throttled time increasing?',
      answer: 'yes',
      detail: `${units.secondsPerSecond(e.throttledSecondsPerSecond)} throttled, in ${units.ratio(e.throttledRatio)} of periods (${ts.source ?? tp.source})`,
    })
    const limit =
      e.limitCores === null
        ? 'the CFS quota'
        : `the CFS quota of ${units.cores(e.limitCores)} (${d.levels.limitSource})`
    return out(
      'cap-throttled',
      'cap throttled: the CPU quota caps you',
      `${limit} holds your tasks back: throttled time grew ${units.decimal(e.throttledSecondsPerSecond)} s per second (summed over CPUs), in ${units.ratio(e.throttledRatio)} of periods. Raise the quota (or cpu.cfs_burst_us / cpu.max.burst), or do less CPU work (fewer threads: size pools by the quota, not nproc).`,
    )
  }
  // 1'. Throttled by a quota the visible cgroups do not show? cpu.stat counts only the cgroup's own quota;
  // cpu.stat.local counts throttling by any, so a rise beyond the visible one is an ancestor's above the top.
  const local = d.hiddenCpu.localThrottledSeconds
  const top = d.hiddenCpu.visibleTop
  if (
    top !== null &&
    local.perSecond !== null &&
    local.perSecond >= THRESHOLDS.hiddenThrottledSecondsPerSecond &&
    (local.delta ?? 0) > HIDDEN_THRESHOLDS.localOverVisible * (ts.delta ?? 0)
  ) {
    path.push({
      question: 'throttled time increasing?',
      answer: 'yes',
      detail: `${units.secondsPerSecond(local.perSecond)} throttled by any quota (${local.source}), while ${ts.delta === null ? 'the visible quota could not be compared' : `the visible quota throttled ${units.secondsPerSecond(ts.perSecond)}`}: a quota above ${top} throttles you`,
    })
    return out(
      'cap-throttled',
      'cap throttled: a CPU quota above the visible cgroups caps you',
      `A CFS quota set on a cgroup above ${top} (invisible from here: the pod's, in Kubernetes) holds your tasks back: cpu.stat.local grew ${units.decimal(local.perSecond)} s per second (summed over CPUs). Find that quota where it is set (the pod spec, or its cgroup on the node) and size threads to it, or raise it.`,
    )
  }
  if (ts.delta === null || tp.delta === null) {
    // No rise seen, and either counter not differenced (unreadable, went backwards, read from another cgroup the second
    // time): the first question has no answer, so neither has the diagnosis (issue 13 item 10: a cgroup
    // recreated mid-interval answered "not throttled (dig further)" in 29 of 50 runs).
    const why = ts.reason ?? tp.reason ?? 'unknown'
    path.push({question: 'throttled time increasing?', answer: 'unknown', detail: why})
    return out(
      'unknown',
      'the throttling counters could not be compared',
      `Could not tell whether the CPU quota throttles you (${why}). Run diagnose again; if the cgroup was recreated, wait until it is stable.`,
    )
  } else {
    path.push({
      question: 'throttled time increasing?',
      answer: 'no',
      detail: `0 s throttled over ${units.seconds(d.elapsedSeconds)} (${ts.source})`,
    })
  }
  // 2. nonvoluntary context switches increasing?
  const sw = d.nonvoluntarySwitches
  if (sw.perSecond === null) {
    path.push({
      question: 'nonvoluntary context switches increasing?',
      answer: 'unknown',
      detail: sw.reason ?? 'unknown',
    })
    return out(
      'unknown',
      'not capped by the quota; share throttling cannot be ruled out',
      `Could not read nonvoluntary context switches (${sw.reason}). Run diagnose where /proc/PID/status of the container's processes is readable.`,
    )
  }
  if (sw.perSecond < THRESHOLDS.switchesPerSecond) {
    path.push({
      question: 'nonvoluntary context switches increasing?',
      answer: 'no',
      detail: `${units.perSecond(sw.perSecond)} over ${units.count(sw.pids)} processes (< ${THRESHOLDS.switchesPerSecond}/s)`,
    })
    return out(
      'not-throttled',
      'not throttled',
      'No sign of CPU throttling in this interval: your tasks are neither stopped by the quota nor preempted. Look elsewhere (memory, I/O, locks, off-CPU time).',
    )
  }
  path.push({
    question: 'nonvoluntary context switches increasing?',
    answer: 'yes',
    detail: `${units.perSecond(sw.perSecond)} over ${units.count(sw.pids)} processes`,
  })

  // 3. host has idle CPU? (and 4., which needs the host's busy time): only from a host-wide /proc/stat.
  if (d.host.notHostWide !== null) {
    path.push({question: 'host has idle CPU?', answer: 'unknown', detail: d.host.notHostWide})
    return out(
      'unknown',
      "preempted; the host's CPU use cannot be seen from here",
      `Your tasks are preempted ${units.decimal(sw.perSecond, 1)} times a second, but ${d.host.notHostWide}. Run diagnose where /proc/stat is the kernel's (without the lxcfs mount over it, or on the host) to tell contention from other causes.`,
    )
  }
  if (e.hostIdleCores === null || cpus === null) {
    path.push({question: 'host has idle CPU?', answer: 'unknown', detail: d.host.idleSeconds.reason ?? 'unknown'})
    return out(
      'unknown',
      'preempted; host idle time unknown',
      `Your tasks are preempted ${units.decimal(sw.perSecond, 1)} times a second, but /proc/stat could not be read to tell contention from other causes (${d.host.idleSeconds.reason}).`,
    )
  }
  const idleShare = e.hostIdleCores / cpus
  if (idleShare >= THRESHOLDS.hostIdleShare) {
    path.push({
      question: 'host has idle CPU?',
      answer: 'yes',
      detail: `${units.decimal(e.hostIdleCores)} of ${units.decimal(cpus)} CPUs idle (${units.ratio(idleShare)})`,
    })
    return out(
      'not-throttled-dig-further',
      'not throttled (but dig further)',
      `Preempted ${units.decimal(sw.perSecond, 1)} times a second while the host had ${units.decimal(e.hostIdleCores)} CPUs idle: not a CPU limit. Dig further: cpuset pinning (many tasks on few CPUs), run-queue latency per CPU (runqlat, perf sched), many more runnable threads than cores.`,
    )
  }
  path.push({
    question: 'host has idle CPU?',
    answer: 'no',
    detail: `${units.decimal(e.hostIdleCores)} of ${units.decimal(cpus)} CPUs idle (${units.ratio(idleShare)})`,
  })

  // 4. all other tenants idle?
  if (e.otherTenantsCores === null) {
    path.push({
      question: 'all other tenants idle?',
      answer: 'unknown',
      detail: d.cpuUsageSeconds.reason ?? 'own CPU usage unknown',
    })
    return out(
      'unknown',
      'preempted on a busy host; whose load is unknown',
      `The host is busy and your tasks are preempted, but your own CPU usage could not be read (${d.cpuUsageSeconds.reason}), so neighbours cannot be told from yourself.`,
    )
  }
  const othersIdle = e.otherTenantsCores <= Math.max(THRESHOLDS.othersCores, THRESHOLDS.othersShare * cpus)
  path.push({
    question: 'all other tenants idle?',
    answer: othersIdle ? 'yes' : 'no',
    detail: `host busy ${units.cores(e.hostBusyCores)} - your usage ${units.decimal(e.ownUsageCores)} = ${units.cores(e.otherTenantsCores)} used by others`,
  })
  if (othersIdle) {
    return out(
      'physical-cpu-throttled',
      'physical CPU throttled: you saturate the machine',
      `The host's CPUs are all busy and almost all of it is you (${units.decimal(e.ownUsageCores)} of ${units.decimal(e.hostBusyCores)} busy cores): the machine is the limit, not a quota. More or faster CPUs, or less work.`,
    )
  }
  return out(
    'share-throttled',
    'share throttled: neighbours compete for the CPUs',
    `The host is busy and ${units.cores(e.otherTenantsCores)} of it are other tenants': your share is decided by cpu.shares / cpu.weight. Raise your shares or weight, move to less busy CPUs (cpuset), or ask for a reserved CPU allocation.`,
  )
}

// --- USE ---------------------------------------------------------------------------------------------

export type Use = {
  cpu: {
    utilization: number | null
    utilizationBasis: string
    saturation: {
      throttledRatio: number | null
      throttledSecondsPerSecond: number | null
      pressureSomeShare: number | null
    }
    errors: {note: string}
  }
  memory: {
    utilization: number | null
    utilizationBasis: string
    saturation: {pressureSomeShare: number | null; failcntDelta: number | null}
    errors: {oomKillsDelta: number | null}
  }
}

export function useSummary(d: Deltas): Use {
  const cores = d.levels.effectiveCores
  const own = d.cpuUsageSeconds.perSecond
  const ws = d.levels.workingSetBytes
  const lim = d.levels.memoryLimitBytes
  return {
    cpu: {
      utilization: own === null || !cores ? null : own / cores,
      utilizationBasis: `usage ${units.cores(own)} / effective ${units.cores(cores)} (${d.levels.effectiveCoresBasis})`,
      saturation: {
        throttledRatio: ratio(d.throttling.throttledPeriods, d.throttling.periods),
        throttledSecondsPerSecond: d.throttling.throttledSeconds.perSecond,
        // PSI totals are seconds stalled: their rate is the share of wall time some task waited for CPU.
        pressureSomeShare: d.cpuPressureSomeSeconds.perSecond,
      },
      errors: {note: 'cgroups keep no CPU error counter'},
    },
    memory: {
      utilization: ws === null || !lim ? null : ws / lim,
      utilizationBasis: lim
        ? `working set / limit (${d.levels.memoryLimitSource})`
        : "no memory limit: utilization against the host is not the container's",
      saturation: {pressureSomeShare: d.memoryPressureSomeSeconds.perSecond, failcntDelta: d.failcnt.delta},
      errors: {oomKillsDelta: d.oomKills.delta},
    },
  }
}
