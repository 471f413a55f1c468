// What memory the container owns: the tightest limit over visible ancestors, memory.high, swap, usage,
// working set (usage - inactive_file: the kubelet's definition, what the OOM killer and `kubectl top`
// act on), OOM kills and failcnt.
import {ancestorDirs, hierarchyFor, noHierarchyReason, type Found} from '../cgroup/discover.js'
import {levelFromMissing} from '../cgroup/level.js'
import {joinGuest, type Got} from '../cgroup/read.js'
import * as v1 from '../cgroup/v1/memory.js'
import * as v2 from '../cgroup/v2/memory.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {limited, tightest, unknown, unlimited, type Level, type Limit} from './limit.js'

/** Values this large are the kernel's "no limit" (PAGE_COUNTER_MAX * PAGE_SIZE is ~2^63 on any page size). */
export const UNLIMITED_FLOOR = 1n << 62n

export type HostMemory = {memTotalBytes: number | null; meminfoVirtualized: boolean}

export type MemoryOwned = {
  limit: Limit
  high: Limit | null
  softLimit: Limit | null
  swapLimit: Limit
  usageBytes: number | null
  workingSetBytes: number | null
  inactiveFileBytes: number | null
  oomKills: number | null
  failcnt: number | null
  sources: Record<string, string | null>
  levels: {dir: string; state: string; bytes: number | null; source: string | null}[]
  problems: string[]
}

/** A byte limit read from a file, tagged. Limits at or above physical memory cannot bind: unlimited, with a note. */
export function bytesLevel(value: bigint, source: string, dir: string, host: HostMemory): Level {
  if (value >= UNLIMITED_FLOOR) return {kind: 'unlimited', dir, source}
  // With lxcfs, MemTotal *is* the limit, so this comparison would call every limit unlimited: skip it then.
  if (!host.meminfoVirtualized && host.memTotalBytes !== null && Number(value) >= host.memTotalBytes) {
    return {
      kind: 'unlimited',
      dir,
      source,
      note: `${source}: ${value} bytes is at or above the host's MemTotal (${host.memTotalBytes}): it cannot bind`,
    }
  }
  return {kind: 'limited', dir, source, value: Number(value), extra: undefined}
}

function v1Level(sys: Sysroot, dir: string, name: string, host: HostMemory): Level {
  const g = v1.bytes(sys, dir, name)
  if (!g.ok) return levelFromMissing(sys, dir, g, `no ${name}`)
  return bytesLevel(g.value, g.source, dir, host)
}

function v2Level(sys: Sysroot, dir: string, name: string, host: HostMemory): Level {
  const g = v2.maxOrNumber(sys, dir, name)
  if (!g.ok)
    return levelFromMissing(sys, dir, g, `no ${name} (root cgroup, or the memory controller is not enabled here)`)
  if (g.value.max) return {kind: 'unlimited', dir, source: g.source}
  return bytesLevel(g.value.value, g.source, dir, host)
}

export function readMemory(sys: Sysroot, d: Found, host: HostMemory): MemoryOwned {
  const problems: string[] = []
  const h = hierarchyFor(d, 'memory')
  const none = (reason: string): MemoryOwned => ({
    limit: unknown(reason),
    high: null,
    softLimit: null,
    swapLimit: unknown(reason),
    usageBytes: null,
    workingSetBytes: null,
    inactiveFileBytes: null,
    oomKills: null,
    failcnt: null,
    sources: {},
    levels: [],
    problems: [reason],
  })
  if (!h) return none(noHierarchyReason(d, 'memory'))
  if (!h.dir) return none(h.problem ?? 'memory cgroup directory unknown')
  const dirs = ancestorDirs(h)
  const leaf = h.dir
  const num = (g: Got<bigint>): number | null => {
    if (g.ok) return Number(g.value)
    if (g.missing !== 'absent') problems.push(g.reason)
    return null
  }

  if (h.version === 'v1') {
    const levels = dirs.map((dir) => v1Level(sys, dir, v1.limitFile, host))
    const st = v1.stat(sys, leaf)
    // hierarchical_memory_limit: the tightest limit of the ancestors as the kernel sees it, visible even
    // when they are not (private cgroup namespace). Last in the list, so an equal own limit wins the tie.
    const hier = st.ok ? st.value.get('hierarchical_memory_limit') : undefined
    if (hier !== undefined) levels.push(bytesLevel(hier, `${st.source} (hierarchical_memory_limit)`, leaf, host))
    const {limit} = tightest(levels)
    const usage = num(v1.bytes(sys, leaf, 'memory.usage_in_bytes'))
    const inactive = st.ok ? (st.value.get('total_inactive_file') ?? st.value.get('inactive_file')) : undefined
    if (!st.ok) problems.push(st.reason)
    const soft = v1.bytes(sys, leaf, 'memory.soft_limit_in_bytes')
    const oom = v1.oomKills(sys, leaf)
    if (!oom.ok && oom.missing !== 'absent') problems.push(oom.reason)
    return {
      limit,
      high: null,
      softLimit: soft.ok
        ? levelToLimit(bytesLevel(soft.value, soft.source, leaf, host))
        : unknown(soft.reason, soft.source),
      swapLimit: v1Swap(sys, leaf, host),
      usageBytes: usage,
      workingSetBytes: workingSet(usage, inactive),
      inactiveFileBytes: inactive === undefined ? null : Number(inactive),
      oomKills: oom.ok ? oom.value : null,
      failcnt: num(v1.bytes(sys, leaf, 'memory.failcnt')),
      sources: {
        usageBytes: joinGuest(leaf, 'memory.usage_in_bytes'),
        workingSetBytes: `${joinGuest(leaf, 'memory.usage_in_bytes')} - total_inactive_file in ${joinGuest(leaf, 'memory.stat')}`,
        oomKills: oom.source,
        failcnt: joinGuest(leaf, 'memory.failcnt'),
      },
      levels: levelsOut(levels),
      problems,
    }
  }

  const levels = dirs.map((dir) => v2Level(sys, dir, 'memory.max', host))
  const {limit} = tightest(levels)
  const high = tightest(dirs.map((dir) => v2Level(sys, dir, 'memory.high', host))).limit
  const swap = tightest(
    dirs.map((dir) => v2Level(sys, dir, 'memory.swap.max', {memTotalBytes: null, meminfoVirtualized: false})),
  ).limit
  const usage = num(v2.current(sys, leaf))
  const st = v2.stat(sys, leaf)
  if (!st.ok && st.missing !== 'absent') problems.push(st.reason)
  const inactive = st.ok ? st.value.get('inactive_file') : undefined
  const oom = v2.oomKills(sys, leaf)
  if (!oom.ok && oom.missing !== 'absent') problems.push(oom.reason)
  return {
    limit,
    high,
    softLimit: null,
    swapLimit: swap,
    usageBytes: usage,
    workingSetBytes: workingSet(usage, inactive),
    inactiveFileBytes: inactive === undefined ? null : Number(inactive),
    oomKills: oom.ok ? oom.value : null,
    failcnt: null,
    sources: {
      usageBytes: joinGuest(leaf, 'memory.current'),
      workingSetBytes: `${joinGuest(leaf, 'memory.current')} - inactive_file in ${joinGuest(leaf, 'memory.stat')}`,
      oomKills: oom.source,
    },
    levels: levelsOut(levels),
    problems,
  }
}

function workingSet(usage: number | null, inactive: bigint | undefined): number | null {
  if (usage === null || inactive === undefined) return null
  return Math.max(0, usage - Number(inactive))
}

function levelToLimit(l: Level): Limit {
  if (l.kind === 'limited') return limited(l.value, l.source)
  if (l.kind === 'unlimited') return unlimited(l.source)
  if (l.kind === 'unknown') return unknown(l.reason, l.source)
  return unknown(l.why)
}

/** v1 has no swap limit of its own: memory.memsw.limit_in_bytes is memory+swap, so swap = memsw - memory. */
function v1Swap(sys: Sysroot, leaf: string, host: HostMemory): Limit {
  const memsw = v1.bytes(sys, leaf, 'memory.memsw.limit_in_bytes')
  if (!memsw.ok) {
    return memsw.missing === 'absent'
      ? unknown(
          `${memsw.source} does not exist: swap accounting is off (swapaccount=0), so the swap limit cannot be read`,
          memsw.source,
        )
      : unknown(memsw.reason, memsw.source)
  }
  if (memsw.value >= UNLIMITED_FLOOR) return unlimited(memsw.source)
  const mem = v1.bytes(sys, leaf, v1.limitFile)
  if (!mem.ok) return unknown(mem.reason, mem.source)
  const swap = memsw.value - mem.value
  return limited(Number(swap < 0n ? 0n : swap), `${memsw.source} - ${mem.source}`)
}

function levelsOut(levels: Level[]) {
  return levels.map((l) => ({
    dir: l.dir,
    state: l.kind,
    bytes: l.kind === 'limited' ? l.value : null,
    source: l.kind === 'none' ? null : l.source,
  }))
}
