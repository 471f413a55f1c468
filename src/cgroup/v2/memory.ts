// cgroup v2 memory files, Documentation/admin-guide/cgroup-v2.rst "Memory":
//   memory.max, memory.high, memory.swap.max   "max" or bytes
//   memory.current                            bytes in use (this cgroup and descendants)
//   memory.stat                               inactive_file, ... (flat keyed)
//   memory.events                             low, high, max, oom, oom_kill, oom_group_kill (hierarchical)
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {parseMaxOrNumber} from '../../parse/max-or-number.js'
import {parseU64} from '../../parse/u64.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {joinGuest, readParsed, type Got} from '../read.js'

export function maxOrNumber(sys: Sysroot, dir: string, name: string) {
  return readParsed(sys, joinGuest(dir, name), parseMaxOrNumber)
}

export function current(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'memory.current'), parseU64)
}

export function stat(sys: Sysroot, dir: string) {
  return readParsed(sys, joinGuest(dir, 'memory.stat'), parseFlatKeyed)
}

export function oomKills(sys: Sysroot, dir: string): Got<number> {
  const g = readParsed(sys, joinGuest(dir, 'memory.events'), parseFlatKeyed)
  if (!g.ok) return g
  const v = g.value.get('oom_kill')
  if (v === undefined)
    return {ok: false, source: g.source, missing: 'malformed', reason: `${g.source} has no oom_kill line`}
  return {ok: true, source: g.source, value: Number(v)}
}
