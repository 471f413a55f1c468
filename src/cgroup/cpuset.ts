// The cpuset in force: the effective list (what the kernel actually allows, after ancestors), falling back to
// the configured list. The cpuset controller may sit on another hierarchy (and version) than cpu, so it is
// placed on its own. v1 (cgroup-v1/cpusets.rst): cpuset.effective_cpus, else cpuset.cpus, at the leaf.
// v2 (cgroup-v2.rst "Cpuset"): cpuset.cpus.effective, which exists only where the cpuset controller is
// enabled, so the nearest level that has it decides.
import {parseCpuList} from '../parse/cpulist.js'
import {firstPresent, malformed, type Read} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Hierarchy} from './discover.js'
import {placement} from './placement.js'

// The cpuset of a cgroup the process runs in is never empty: v1 refuses to attach a task to a cpuset without
// CPUs (ENOSPC, cgroup-v1/cpusets.rst), and in v2 an empty cpuset.cpus makes the effective list the parent's
// (cgroup-v2.rst "cpuset.cpus.effective"). An empty list here was not written by the kernel: a 0-CPU limit
// would be a lie.
const cpusIn = (sys: Sysroot, path: string): Read<number[]> => {
  const f = readField(sys, path, parseCpuList)
  return f.kind === 'value' && f.value.length === 0 ? malformed(path, 'an empty CPU list') : f
}

export function v1Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    const leaf = at.leaf
    return firstPresent(
      ['cpuset.effective_cpus', 'cpuset.cpus'].map((name) => () => cpusIn(sys, joinGuest(leaf, name))),
    )!
  }
}

export function v2Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    return firstPresent(at.dirs.map((dir) => () => cpusIn(sys, joinGuest(dir, 'cpuset.cpus.effective'))))!
  }
}
