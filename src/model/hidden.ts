// What the hidden-ancestor evidence rests on, read once per snapshot: the `hidden-ancestor-limit` finding
// judges one snapshot (findings/rules/hidden-ancestor-limit.ts). Every counter is a Field: one that cannot
// be read says why, and no evidence is claimed from it.
//
// Why these counters (a limit above the visible top binds, and nothing visible counts it):
//   CPU:    cpu.stat counts only the cgroup's own quota (non-hierarchical); cpu.stat.local counts the time its
//           run queues were throttled by any quota, an ancestor's included (kernels since 2023). Without it,
//           a throttled cgroup's tasks stay runnable in PSI's eyes, so cpu.pressure rises while the visible
//           quota's cpu.stat does not.
//   Memory: v1 memory.stat hierarchical_memory_limit is the tightest limit of every ancestor, seen or not.
//           v2 memory.events max/high/oom count limit hits of a cgroup and its descendants, so at the visible
//           top they count every visible limit; an OOM kill, reclaim (memory.stat pgscan) or memory
//           pressure while they stay 0 came from above (or from the whole host running short).
import type {Controllers, Throttling} from '../cgroup/controllers.js'
import {hierarchyFor, type Found} from '../cgroup/discover.js'
import {hiddenAncestors, type HiddenAncestors} from '../cgroup/hidden.js'
import type {Read} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {CpuOwned} from './cpu.js'
import type {MemoryOwned} from './memory.js'
import type {PressureOwned, PressureValue} from './pressure.js'

/** Where evidence starts: ours, not the kernel's (exported, as diagnose's THRESHOLDS are, to be seen and tested). */
export const HIDDEN_THRESHOLDS = {
  /** cpu.stat.local throttled time (s) below this is noise. */
  localThrottledSeconds: 0.05,
  /** ... and it must exceed the visible quota's own throttled time by this factor. */
  localOverVisible: 1.5,
  /** cpu.pressure (full, else some) avg10 in percent from which tasks are "stalled for CPU". */
  cpuPressurePct: 10,
  /** The visible quota "hardly throttles" below this share of its periods. */
  visibleThrottledRatio: 0.05,
  /** memory.pressure some avg10 or avg60 in percent from which there is "memory pressure". */
  memoryPressurePct: 1,
  /** The working set is "well below" the visible limit under this share of it. */
  memoryBelowShare: 0.8,
}

export type HiddenReadings = {
  cpu: {
    hidden: HiddenAncestors | null
    localThrottledSeconds: Read<number>
    /** The visible quota's own throttling (cpu.stat of the cgroup that sets it); null when none is visible. */
    visibleThrottling: (Throttling & {source: string}) | null
    visibleQuotaCores: number | null
    pressure: PressureValue
  }
  memory: {
    hidden: HiddenAncestors | null
    /** v1: hierarchical_memory_limit beside the tightest limit any visible level sets itself. */
    hierarchical: {limitBytes: number; source: string; tightestVisibleBytes: number | null} | null
    /** v2 memory.events at the visible top (null on v1, or when nothing is hidden). */
    topEvents: Read<Map<string, bigint>> | null
    oomKills: Read<number>
    reclaimScannedPages: Read<number> | null
    workingSetBytes: number | null
    /** The tightest limit a visible level sets itself (not v1's hierarchical one); null when none. */
    visibleLimitBytes: number | null
    pressure: PressureValue
  }
}

const HIERARCHICAL = '(hierarchical_memory_limit)'

export function readHidden(
  sys: Sysroot,
  d: Found,
  c: Controllers,
  cpu: CpuOwned,
  memory: MemoryOwned,
  pressure: PressureOwned,
): HiddenReadings {
  const cpuHidden = hiddenAncestors(sys, d, hierarchyFor(d, 'cpu'))
  const memHidden = hiddenAncestors(sys, d, hierarchyFor(d, 'memory'))

  const levels = c.memory.limit().levels
  const own = levels.filter((l) => !(l.setting.path ?? '').endsWith(HIERARCHICAL))
  const ownValues = own.flatMap((l) => (l.setting.kind === 'value' ? [l.setting.value] : []))
  const tightestVisible = ownValues.length > 0 ? Math.min(...ownValues) : null
  const hier = levels.find((l) => (l.setting.path ?? '').endsWith(HIERARCHICAL))?.setting
  return {
    cpu: {
      hidden: cpuHidden,
      localThrottledSeconds: c.cpu.localThrottledSeconds(),
      visibleThrottling: cpu.limit.state === 'limited' ? cpu.throttling : null,
      visibleQuotaCores: cpu.limit.state === 'limited' ? cpu.limit.value : null,
      pressure: pressure.cpu,
    },
    memory: {
      hidden: memHidden,
      hierarchical:
        hier?.kind === 'value'
          ? {limitBytes: hier.value, source: hier.path, tightestVisibleBytes: tightestVisible}
          : null,
      topEvents: memHidden ? c.memory.eventsAt(memHidden.visibleTop) : null,
      oomKills: c.memory.oomKills(),
      reclaimScannedPages: c.memory.reclaimScannedPages(),
      workingSetBytes: memory.workingSetBytes,
      visibleLimitBytes: tightestVisible,
      pressure: pressure.memory,
    },
  }
}
