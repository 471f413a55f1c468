// What CPU the container owns: the tightest quota over visible ancestors (unrounded cores), the relative
// weight on both scales, the cpuset, the CPUs the kernel shows online, and the effective cores
// = min(limit, cpuset size, online CPUs). Usage and throttling are read from the cgroup that matters:
// throttling from the one that sets the limit (a leaf without its own quota counts no periods in v1).
// Version-agnostic: every file is read through a CpuController (cgroup/controllers.ts).
import type {CpuController, Throttling} from '../cgroup/controllers.js'
import type {RelativeWeight} from '../cgroup/cpu-weight.js'
import {parseCpuList} from '../parse/cpulist.js'
import {mapField, notThere, orNull, type Read, type Unread} from '../sysroot/outcome.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {levelsOut, unknownsOf, type LevelOut, type Unknowns} from './fields.js'
import {walkedLimit, type Limit} from './limit.js'

export const ONLINE_CPUS = '/sys/devices/system/cpu/online'

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
  /**
   * min(limit, cpuset size, online CPUs); null when the quota, or a cpuset that is there, cannot be read (an
   * empty or broken list): then effectiveCoresAtMost holds the bound from what could be read.
   */
  effectiveCores: number | null
  /** An upper bound from what could be read (cpuset, online CPUs), for when the quota is unknown. */
  effectiveCoresAtMost: number | null
  usageSeconds: number | null
  usageSource: string | null
  throttling: (Throttling & {source: string}) | null
}

export type CpuRead = {owned: CpuOwned; unknown: Unknowns; levels: LevelOut[]; fields: CpuFields}
/** The counters diagnose samples, as Fields: a value, or why not. */
export type CpuFields = {usageSeconds: Read<number>; throttling: Read<Throttling>; tasksDir: string | null}

export function readCpu(sys: Sysroot, cpu: CpuController): CpuRead {
  const walk = cpu.limit()
  const limit = walkedLimit(walk, (q) => q.cores)
  const leaf = cpu.dirs[0] ?? null
  // Period, burst and throttling belong to the cgroup that sets the limit; with no limit, to the leaf.
  const limitDir = walk.from?.dir ?? leaf
  const unplaced = cpu.unplaced ?? notThere('no cpu cgroup directory')
  const period: Read<number> = walk.from
    ? mapField(walk.from.setting, (q) => q.periodUs)
    : limitDir
      ? cpu.periodUs(limitDir)
      : unplaced
  const burst = limitDir ? cpu.burstUs(limitDir) : unplaced
  const throttling = limitDir ? cpu.throttling(limitDir) : unplaced
  const shares = cpu.shares()
  const weight = cpu.weight()
  const relativeWeight = cpu.relativeWeight()
  const cpuset = cpu.cpuset()
  const online = readField(sys, ONLINE_CPUS, parseCpuList)
  const usage = cpu.usageSeconds()

  const bounds = {limit, cpuset: orNull(cpuset), hostCpus: online.kind === 'value' ? online.value.length : null}
  const atMost = coreBounds(bounds).reduce<number | null>((a, [n]) => (a === null || n < a ? n : a), null)
  const owned: CpuOwned = {
    limit,
    quotaUs: walk.from ? walk.from.setting.value.quotaUs : null,
    periodUs: orNull(period),
    burstUs: orNull(burst),
    shares: shares && orNull(shares),
    weight: weight && orNull(weight),
    relativeWeight: orNull(relativeWeight),
    cpuset: bounds.cpuset,
    cpusetSource: cpuset.kind === 'absent' ? null : cpuset.path,
    hostCpus: bounds.hostCpus,
    hostCpusSource: ONLINE_CPUS,
    // With the quota or the cpuset unknown, the min of the rest is only an upper bound: never the answer.
    effectiveCores: limit.state === 'unknown' || cpusetUnknown(cpuset) ? null : atMost,
    effectiveCoresAtMost: atMost,
    usageSeconds: orNull(usage),
    usageSource: usage.path,
    throttling: throttling.kind === 'value' ? {...throttling.value, source: throttling.path} : null,
  }
  const unknown = unknownsOf('cpu', {
    periodUs: period,
    burstUs: burst,
    shares,
    weight,
    cpuset,
    hostCpus: online,
    usageSeconds: usage,
    throttling,
  })
  if (owned.effectiveCores === null && limit.state === 'unknown')
    unknown['cpu.effectiveCores'] = {kind: limit.kind, path: limit.source, reason: limit.reason}
  else if (owned.effectiveCores === null && cpusetUnknown(cpuset)) unknown['cpu.effectiveCores'] = cpuset
  return {owned, unknown, levels: levelsOut(walk.levels), fields: {usageSeconds: usage, throttling, tasksDir: leaf}}
}

/** A cpuset that is there but could not be read (empty, malformed, denied): it bounds the cores by an unknown. */
function cpusetUnknown(cpuset: Read<number[]>): cpuset is Unread {
  return cpuset.kind !== 'value' && cpuset.kind !== 'absent'
}

type Bounds = Pick<CpuOwned, 'limit' | 'cpuset' | 'hostCpus' | 'effectiveCores'>

/** What bounds the cores: the quota, the cpuset's size, the online CPUs (each when known), with a label. */
function coreBounds(c: Omit<Bounds, 'effectiveCores'>): [number, string][] {
  const out: [number, string][] = []
  if (c.limit.state === 'limited') out.push([c.limit.value, `quota ${Math.round(c.limit.value * 1000) / 1000} cores`])
  if (c.cpuset) out.push([c.cpuset.length, `cpuset of ${c.cpuset.length}`])
  if (c.hostCpus !== null) out.push([c.hostCpus, `${c.hostCpus} online CPUs`])
  return out
}

/** How effectiveCores was reached, in words: "min of quota 1.5 cores, cpuset of 2, 2 online CPUs". */
export function effectiveCoresBasis(c: Bounds): string {
  const bounds = coreBounds(c)
  if (bounds.length === 0) return 'nothing known'
  const atMost = Math.min(...bounds.map(([n]) => n))
  const unknown = c.limit.state === 'unknown' ? 'quota' : c.effectiveCores === null ? 'cpuset' : null
  return `min of ${bounds.map(([, label]) => label).join(', ')}${unknown ? ` (${unknown} unknown: at most ${atMost})` : ''}`
}
