// A limit set above what this container can see binds it (issue 12 item 2). The caveat on each limit says
// that one may (cgroup/hidden.ts); this finding says that one does, from one snapshot, where a counter is
// enough (model/hidden.ts says why each counter can tell):
//   cpu.stat.local          throttled time beyond what the visible quota's own cpu.stat counts      exact
//   hierarchical_memory_limit (v1) tighter than every limit a visible level sets                     exact
//   oom-kill (v2)           OOM kills while memory.events at the visible top counts no limit hit     strong
//   cpu.pressure            tasks stalled for CPU while the visible quota hardly throttles            a hint
//   memory.pressure (v2)    memory pressure well below the visible limit, no visible limit hit        a hint
// A hint has a look-alike (a host busy with other tenants, a host short of memory); `guestview diagnose`
// shows whether the host had idle CPU, which tells the CPU one apart.
import {HIDDEN_THRESHOLDS as T, type HiddenReadings} from '../../model/hidden.js'
import type {PsiLine} from '../../parse/psi.js'
import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export type HiddenSignal =
  'cpu.stat.local' | 'cpu.pressure' | 'hierarchical_memory_limit' | 'oom-kill' | 'memory.pressure'

export type HiddenEvidence = {
  resource: 'cpu' | 'memory'
  signal: HiddenSignal
  /** exact: a counter that only a hidden limit moves; hint: a look-alike exists (said in `detail`). */
  strength: 'exact' | 'strong' | 'hint'
  /** A few words for the title. */
  summary: string
  detail: string
  values: Record<string, number | null>
  sources: string[]
}

const num = (f: {kind: string; value?: number}): number | null => (f.kind === 'value' ? (f.value ?? null) : null)

function cpuEvidence(r: HiddenReadings['cpu']): HiddenEvidence[] {
  const top = r.hidden?.visibleTop ?? 'the visible top'
  const visible = r.visibleThrottling
  const local = r.localThrottledSeconds
  // Only where ancestors are hidden: with every level in sight, throttling beyond the tightest quota's comes
  // from a visible, looser ancestor shared with siblings, which `owns` shows.
  if (!r.hidden) return []
  if (local.kind === 'value') {
    const own = visible?.throttledSeconds ?? 0
    if (local.value < T.localThrottledSeconds || local.value <= T.localOverVisible * own) return []
    return [
      {
        resource: 'cpu',
        signal: 'cpu.stat.local',
        strength: 'exact',
        summary: `CPU throttled ${units.seconds(local.value)} by it`,
        detail: `cpu.stat.local: these tasks were throttled ${units.seconds(local.value)} in all (summed over CPUs), while the visible quota${visible ? ` (${units.cores(r.visibleQuotaCores)}) throttled ${units.seconds(own)} (${visible.source})` : ': none is set'}: a quota above ${top} throttles them`,
        values: {localThrottledSeconds: local.value, visibleThrottledSeconds: visible ? own : null},
        sources: [local.path, ...(visible ? [visible.source] : [])],
      },
    ]
  }
  // No cpu.stat.local on this kernel: PSI, where a throttled cgroup's tasks still count as waiting for CPU.
  if (r.pressure.state !== 'available') return []
  const line: PsiLine | null = r.pressure.full ?? r.pressure.some
  const which = r.pressure.full ? 'full' : 'some'
  const ratio = visible && visible.periods > 0 ? visible.throttledPeriods / visible.periods : 0
  if (!line || line.avg10 < T.cpuPressurePct || ratio >= T.visibleThrottledRatio) return []
  return [
    {
      resource: 'cpu',
      signal: 'cpu.pressure',
      strength: 'hint',
      summary: `CPU stalled ${units.percentValue(line.avg10)} of the time, the visible quota not throttling`,
      detail: `cpu.pressure ${which} avg10 ${units.percentValue(line.avg10)}: these tasks waited for CPU (a throttled cgroup's tasks count as waiting), yet the visible quota throttled in ${units.ratio(ratio)} of its periods${visible ? '' : ' (none is set)'}: a quota above ${top} would do this; so would a host busy with other tenants (\`guestview diagnose\` shows whether the host has idle CPU). This kernel has no cpu.stat.local to tell for sure`,
      values: {pressureAvg10: line.avg10, visibleThrottledRatio: visible ? ratio : null},
      sources: [r.pressure.source, ...(visible ? [visible.source] : [])],
    },
  ]
}

function memoryEvidence(r: HiddenReadings['memory']): HiddenEvidence[] {
  const top = r.hidden?.visibleTop ?? 'the visible top'
  const out: HiddenEvidence[] = []
  const h = r.hierarchical
  if (h && (r.visibleLimitBytes === null || h.limitBytes < r.visibleLimitBytes)) {
    out.push({
      resource: 'memory',
      signal: 'hierarchical_memory_limit',
      strength: 'exact',
      summary: `memory held to ${units.bytes(h.limitBytes)} by it`,
      detail: `memory.stat hierarchical_memory_limit is ${units.bytes(h.limitBytes)}, tighter than any limit a visible cgroup sets (${r.visibleLimitBytes === null ? 'none' : units.bytes(r.visibleLimitBytes)}): an ancestor above ${top} sets it`,
      values: {hierarchicalLimitBytes: h.limitBytes, visibleLimitBytes: r.visibleLimitBytes},
      sources: [h.source],
    })
  }
  const ev = r.topEvents
  if (!r.hidden || !ev || ev.kind !== 'value') return out
  const count = (k: string) => ev.value.get(k) ?? null
  const [max, high, oom] = [count('max'), count('high'), count('oom')]
  if (max !== 0n || oom !== 0n) return out // a visible limit was hit (or the counts are missing): nothing to add
  const kills = num(r.oomKills)
  const visibleHits = `memory.events at ${top} counts no limit hit (max 0, oom 0)`
  if (kills !== null && kills > 0) {
    out.push({
      resource: 'memory',
      signal: 'oom-kill',
      strength: 'strong',
      summary: `${units.count(kills)} OOM kill${kills === 1 ? '' : 's'} with no visible limit reached`,
      detail: `${units.count(kills)} OOM kill${kills === 1 ? '' : 's'} in this cgroup while ${visibleHits}: the limit that ran out is above ${top} (or the whole host ran out of memory)`,
      values: {oomKills: kills, topMax: 0, topOom: 0},
      sources: [r.oomKills.path ?? 'memory.events', ev.path],
    })
  }
  const p = r.pressure.state === 'available' ? r.pressure.some : null
  const ws = r.workingSetBytes
  const below = r.visibleLimitBytes === null || (ws !== null && ws < T.memoryBelowShare * r.visibleLimitBytes)
  if (p && Math.max(p.avg10, p.avg60) >= T.memoryPressurePct && below && high === 0n) {
    const scanned = r.reclaimScannedPages ? num(r.reclaimScannedPages) : null
    out.push({
      resource: 'memory',
      signal: 'memory.pressure',
      strength: 'hint',
      summary: `memory pressure ${units.percentValue(Math.max(p.avg10, p.avg60))} below the visible limit`,
      detail: `memory.pressure some avg10 ${units.percentValue(p.avg10)}, avg60 ${units.percentValue(p.avg60)} with the working set at ${r.visibleLimitBytes === null ? 'no visible limit' : units.percent(ws, r.visibleLimitBytes)}${r.visibleLimitBytes === null ? '' : ' of the visible limit'}, while ${visibleHits.replace('(max 0, oom 0)', '(max 0, high 0)')}${scanned !== null ? `; ${units.count(scanned)} pages scanned for reclaim (memory.stat pgscan)` : ''}: a limit above ${top} is reclaiming, or the host is short of memory`,
      values: {pressureAvg10: p.avg10, pressureAvg60: p.avg60, workingSetBytes: ws, reclaimScannedPages: scanned},
      sources: [r.pressure.source ?? 'memory.pressure', ev.path],
    })
  }
  return out
}

/** Every piece of evidence, in one snapshot, that a limit above the visible cgroups binds. */
export function hiddenEvidence(r: HiddenReadings): HiddenEvidence[] {
  return [...cpuEvidence(r.cpu), ...memoryEvidence(r.memory)]
}

export const hiddenAncestorLimit: Rule = {
  id: 'hidden-ancestor-limit',
  summary: 'a limit set above the cgroups this container can see binds it',
  maxSeverity: 'warn',
  evaluate({hidden}) {
    if (!hidden) return null
    const evidence = hiddenEvidence(hidden)
    if (evidence.length === 0) return null
    const tops = [...new Set([hidden.cpu.hidden?.visibleTop, hidden.memory.hidden?.visibleTop].filter(Boolean))]
    return {
      id: this.id,
      severity: evidence.some((e) => e.strength !== 'hint') ? 'warn' : 'info',
      title: `a limit above ${tops.join(' and ') || 'the visible cgroups'} binds: ${evidence.map((e) => `${e.summary} (${e.signal})`).join('; ')}`,
      host: null,
      owned: {evidence, hidden: {cpu: hidden.cpu.hidden, memory: hidden.memory.hidden}},
      advice:
        "The limits shown are only the tightest of what can be seen; a cgroup above them (the pod's, in Kubernetes) holds a tighter one. Read it where it is set (the pod spec, or its cgroup on the node) and size threads and heaps to it. cpu.stat.local and hierarchical_memory_limit are exact; pressure alone is a hint: `guestview diagnose` shows whether the host has idle CPU (then a busy host is ruled out).",
      sources: [...new Set(evidence.flatMap((e) => e.sources))],
    }
  },
}
