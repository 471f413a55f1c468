// What memory the container owns: the tightest limit over visible ancestors, memory.high, swap, usage,
// working set (usage - inactive_file: the kubelet's definition, what the OOM killer and `kubectl top`
// act on), OOM kills and failcnt. Version-agnostic: every file is read through a MemoryController.
import type {MemoryController} from '../cgroup/controllers.js'
import {both, orNull, type Read} from '../sysroot/outcome.js'
import {levelsOut, unknownsOf, type LevelOut, type Unknowns} from './fields.js'
import {limitOf, walkedLimit, type Limit} from './limit.js'

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
}

export type MemoryRead = {owned: MemoryOwned; unknown: Unknowns; levels: LevelOut[]; fields: MemoryFields}
/** The counters diagnose samples, as Fields. */
export type MemoryFields = {oomKills: Read<number>; failcnt: Read<number> | null}

const bytes = (n: number) => n

export function readMemory(mem: MemoryController): MemoryRead {
  const walk = mem.limit()
  const high = mem.high()
  const soft = mem.softLimit()
  const usage = mem.usageBytes()
  const inactive = mem.inactiveFileBytes()
  const workingSet = both(usage, inactive, (u, i) => Math.max(0, u - i))
  const oomKills = mem.oomKills()
  const failcnt = mem.failcnt()
  const sources: Record<string, string | null> = {
    usageBytes: usage.path,
    workingSetBytes: usage.path && inactive.path ? `${usage.path} - ${mem.inactiveFileKey} in ${inactive.path}` : null,
    oomKills: oomKills.path,
  }
  if (failcnt) sources.failcnt = failcnt.path
  const owned: MemoryOwned = {
    limit: walkedLimit(walk, bytes),
    high: high && walkedLimit(high, bytes),
    softLimit: soft && limitOf(soft, bytes),
    swapLimit: walkedLimit(mem.swapLimit(), bytes),
    usageBytes: orNull(usage),
    workingSetBytes: orNull(workingSet),
    inactiveFileBytes: orNull(inactive),
    oomKills: orNull(oomKills),
    failcnt: failcnt && orNull(failcnt),
    sources,
  }
  const unknown = unknownsOf('memory', {
    usageBytes: usage,
    workingSetBytes: workingSet,
    inactiveFileBytes: inactive,
    oomKills,
    failcnt,
  })
  return {owned, unknown, levels: levelsOut(walk.levels), fields: {oomKills, failcnt}}
}
