// PIDs, Documentation/admin-guide/cgroup-v1/pids.rst and cgroup-v2.rst "PID": pids.max ("max" or a
// count; same format in v1 and v2) over visible ancestors, and pids.current.
import {ancestorDirs, hierarchyFor, noHierarchyReason, type Found} from '../cgroup/discover.js'
import {levelFromMissing} from '../cgroup/level.js'
import {joinGuest, readParsed} from '../cgroup/read.js'
import {parseMaxOrNumber} from '../parse/max-or-number.js'
import {parseU64} from '../parse/u64.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {tightest, unknown, type Level, type Limit} from './limit.js'

export type PidsOwned = {limit: Limit; current: number | null; currentSource: string | null; problems: string[]}

export function readPids(sys: Sysroot, d: Found): PidsOwned {
  const h = hierarchyFor(d, 'pids')
  if (!h) return {limit: unknown(noHierarchyReason(d, 'pids')), current: null, currentSource: null, problems: []}
  if (!h.dir)
    return {
      limit: unknown(h.problem ?? 'pids cgroup directory unknown'),
      current: null,
      currentSource: null,
      problems: [h.problem ?? ''],
    }
  const levels: Level[] = ancestorDirs(h).map((dir) => {
    const g = readParsed(sys, joinGuest(dir, 'pids.max'), parseMaxOrNumber)
    if (!g.ok)
      return levelFromMissing(sys, dir, g, 'no pids.max (root cgroup, or the pids controller is not enabled here)')
    return g.value.max
      ? {kind: 'unlimited', dir, source: g.source}
      : {kind: 'limited', dir, source: g.source, value: Number(g.value.value), extra: undefined}
  })
  const cur = readParsed(sys, joinGuest(h.dir, 'pids.current'), parseU64)
  return {
    limit: tightest(levels).limit,
    current: cur.ok ? Number(cur.value) : null,
    currentSource: cur.source,
    problems: cur.ok || cur.missing === 'absent' ? [] : [cur.reason],
  }
}
