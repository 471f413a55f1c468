// What CPU the container owns: the tightest quota over visible ancestors (unrounded cores), the relative
// weight on both scales, the cpuset, the CPUs the kernel shows online, and the effective cores
// = min(limit, cpuset size, online CPUs). Usage and throttling are read from the cgroup that matters:
// throttling from the one that sets the limit (a leaf without its own quota counts no periods in v1).
import {ancestorDirs, hierarchyFor, noHierarchyReason, type Found} from '../cgroup/discover.js'
import {joinGuest, readParsed, valueOrNull, type Got} from '../cgroup/read.js'
import type {QuotaPeriod, Throttling} from '../cgroup/types.js'
import * as v1 from '../cgroup/v1/cpu.js'
import * as v2 from '../cgroup/v2/cpu.js'
import {parseCpuList} from '../parse/cpulist.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {fromShares, fromWeight, type RelativeWeight} from './cpu-weight.js'
import {tightest, unknown, type Level, type Limit} from './limit.js'

export type CpuOwned = {
  limit: Limit
  quotaUs: number | null
  periodUs: number | null
  burstUs: number | null
  shares: number | null
  weight: number | null
  relativeWeight: RelativeWeight | null
  cpuset: number[] | null
  cpusetSource: string | null
  hostCpus: number | null
  hostCpusSource: string
  /** min(limit, cpuset size, online CPUs); null when the quota is unknown (then see effectiveCoresAtMost). */
  effectiveCores: number | null
  /** An upper bound from what could be read (cpuset, online CPUs), for when the quota is unknown. */
  effectiveCoresAtMost: number | null
  effectiveCoresBasis: string
  usageSeconds: number | null
  usageSource: string | null
  throttling: (Throttling & {source: string}) | null
  levels: {dir: string; state: string; cores: number | null; source: string | null}[]
  problems: string[]
}

export function readCpu(sys: Sysroot, d: Found): CpuOwned {
  const problems: string[] = []
  const h = hierarchyFor(d, 'cpu')
  const impl = h?.version === 'v2' ? v2 : v1
  const dirs = h ? ancestorDirs(h) : []
  if (h && !h.dir) problems.push(h.problem ?? 'cpu cgroup directory unknown')

  const levels: Level<QuotaPeriod>[] = dirs.map((dir) => impl.quotaLevel(sys, dir))
  const {limit: walked, from} = tightest(levels)
  const limit = !h
    ? unknown(noHierarchyReason(d, 'cpu'))
    : !h.dir
      ? unknown(h.problem ?? 'cpu cgroup directory unknown')
      : walked
  const leaf = dirs[0]

  const period = from ? from.extra.periodUs : leaf ? valueOrNull(impl.periodUs(sys, leaf)) : null
  const burstDir = from?.dir ?? leaf
  const burst = burstDir ? valueOrNull(impl.burstUs(sys, burstDir)) : null

  let shares: number | null = null
  let weight: number | null = null
  let relativeWeight: RelativeWeight | null = null
  if (leaf && h?.version === 'v1') {
    shares = numOrNull(v1.shares(sys, leaf))
    if (shares !== null) relativeWeight = fromShares(shares)
  } else if (leaf && h?.version === 'v2') {
    weight = numOrNull(v2.weight(sys, leaf))
    if (weight !== null) relativeWeight = fromWeight(weight)
  }

  const cpuset = readCpuset(sys, d)
  if (cpuset.problem) problems.push(cpuset.problem)
  const online = readParsed(sys, '/sys/devices/system/cpu/online', parseCpuList)
  if (!online.ok) problems.push(online.reason)
  const hostCpus = online.ok ? online.value.length : null

  const candidates: [number, string][] = []
  if (limit.state === 'limited') candidates.push([limit.value, `quota ${fmt(limit.value)} cores`])
  if (cpuset.cpus) candidates.push([cpuset.cpus.length, `cpuset of ${cpuset.cpus.length}`])
  if (hostCpus !== null) candidates.push([hostCpus, `${hostCpus} online CPUs`])
  const best = candidates.reduce<[number, string] | null>((a, c) => (a === null || c[0] < a[0] ? c : a), null)
  // With the quota unknown, min(cpuset, online) is only an upper bound: never present it as the answer.
  const effectiveCores = best && limit.state !== 'unknown' ? best[0] : null

  // Usage: v1 keeps it in the cpuacct hierarchy (often a separate mount), v2 in cpu.stat.
  let usage: Got<number> | null = null
  if (h?.version === 'v2' && leaf) usage = v2.usageSeconds(sys, leaf)
  else {
    const acct = hierarchyFor(d, 'cpuacct')
    if (acct?.dir) usage = v1.usageSeconds(sys, acct.dir)
  }
  if (usage && !usage.ok) problems.push(usage.reason)

  const throttleDir = from?.dir ?? leaf
  const t = throttleDir ? impl.throttling(sys, throttleDir) : null
  if (t && !t.ok && t.missing !== 'absent') problems.push(t.reason)

  return {
    limit,
    quotaUs: from ? from.extra.quotaUs : null,
    periodUs: period === null ? null : Number(period),
    burstUs: burst === null ? null : Number(burst),
    shares,
    weight,
    relativeWeight,
    cpuset: cpuset.cpus,
    cpusetSource: cpuset.source,
    hostCpus,
    hostCpusSource: '/sys/devices/system/cpu/online',
    effectiveCores,
    effectiveCoresAtMost: best ? best[0] : null,
    effectiveCoresBasis: best
      ? `min of ${candidates.map((c) => c[1]).join(', ')}${limit.state === 'unknown' ? ` (quota unknown: at most ${best[0]})` : ''}`
      : 'nothing known',
    usageSeconds: usage?.ok ? usage.value : null,
    usageSource: usage?.source ?? null,
    throttling: t?.ok ? {...t.value, source: t.source} : null,
    levels: levels.map((l) => ({
      dir: l.dir,
      state: l.kind,
      cores: l.kind === 'limited' ? l.value : null,
      source: l.kind === 'limited' || l.kind === 'unlimited' || l.kind === 'unknown' ? l.source : null,
    })),
    problems,
  }
}

function numOrNull(g: Got<bigint>): number | null {
  return g.ok ? Number(g.value) : null
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

/**
 * The cpuset in force: the effective list (what the kernel actually allows, after ancestors), falling back
 * to the configured list. v1: cpuset.effective_cpus / cpuset.cpus; v2: cpuset.cpus.effective, which exists
 * only where the cpuset controller is enabled, so the nearest ancestor that has it decides.
 */
function readCpuset(sys: Sysroot, d: Found): {cpus: number[] | null; source: string | null; problem?: string} {
  const h = hierarchyFor(d, 'cpuset')
  if (!h || !h.dir) return {cpus: null, source: null, problem: h?.problem}
  const names = h.version === 'v1' ? ['cpuset.effective_cpus', 'cpuset.cpus'] : ['cpuset.cpus.effective']
  const dirs = h.version === 'v1' ? [h.dir] : ancestorDirs(h)
  for (const dir of dirs) {
    for (const name of names) {
      const g = readParsed(sys, joinGuest(dir, name), parseCpuList)
      if (g.ok) return {cpus: g.value, source: g.source}
      if (g.missing !== 'absent') return {cpus: null, source: g.source, problem: g.reason}
    }
  }
  return {cpus: null, source: null}
}
