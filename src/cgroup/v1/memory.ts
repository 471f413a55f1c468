// cgroup v1 memory files, Documentation/admin-guide/cgroup-v1/memory.rst:
//   memory.limit_in_bytes      the limit; "unlimited" is PAGE_COUNTER_MAX pages = LONG_MAX rounded down to
//                              the page size (9223372036854771712 on 4K pages, 9223372036854710272 on 64K)
//   memory.soft_limit_in_bytes reclaim target under pressure (the closest v1 has to v2's memory.high)
//   memory.memsw.limit_in_bytes memory+swap (absent when swap accounting is off)
//   memory.usage_in_bytes, memory.failcnt, memory.oom_control ("oom_kill N", 4.13+)
//   memory.stat                total_inactive_file (hierarchical), hierarchical_memory_limit
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {parseU64} from '../../parse/u64.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {joinGuest, readParsed, type Got} from '../read.js'

export const limitFile = 'memory.limit_in_bytes'

export function bytes(sys: Sysroot, dir: string, name: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, name), parseU64)
}

export function stat(sys: Sysroot, dir: string) {
  return readParsed(sys, joinGuest(dir, 'memory.stat'), parseFlatKeyed)
}

export function oomKills(sys: Sysroot, dir: string): Got<number> {
  const g = readParsed(sys, joinGuest(dir, 'memory.oom_control'), parseFlatKeyed)
  if (!g.ok) return g
  const v = g.value.get('oom_kill')
  if (v === undefined)
    return {
      ok: false,
      source: g.source,
      missing: 'absent',
      reason: `${g.source} has no oom_kill line (kernel before 4.13)`,
    }
  return {ok: true, source: g.source, value: Number(v)}
}
