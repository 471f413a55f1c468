// The cpuset in force: the effective list (what the kernel actually allows, after ancestors), falling back to
// the configured list. The cpuset controller may sit on another hierarchy (and version) than cpu, so it is
// placed on its own. v1 (cgroup-v1/cpusets.rst): cpuset.effective_cpus, else cpuset.cpus, at the leaf.
// v2 (cgroup-v2.rst "Cpuset"): cpuset.cpus.effective, which exists only where the cpuset controller is
// enabled, so the nearest level that has it decides.
// An empty list is valid text (a v1 cpuset not set up yet) but cannot be the cpuset of a cgroup whose tasks
// run (v1 refuses tasks into an empty cpuset; v2's effective list falls back to the parent's): it is not a
// cpuset of 0 CPUs, and must not make the effective cores 0.
import {parseCpuList} from '../parse/cpulist.js'
import {firstPresent, malformed, type Read} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Hierarchy} from './discover.js'
import {placement} from './placement.js'

export function v1Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    const leaf = at.leaf
    return nonEmpty(
      firstPresent(
        ['cpuset.effective_cpus', 'cpuset.cpus'].map(
          (name) => () => readField(sys, joinGuest(leaf, name), parseCpuList),
        ),
      )!,
    )
  }
}

function nonEmpty(r: Read<number[]>): Read<number[]> {
  if (r.kind !== 'value' || r.value.length > 0) return r
  return malformed(r.path, 'empty CPU list, though this cgroup runs tasks: the cpuset is not known')
}

export function v2Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    return nonEmpty(
      firstPresent(at.dirs.map((dir) => () => readField(sys, joinGuest(dir, 'cpuset.cpus.effective'), parseCpuList)))!,
    )
  }
}
