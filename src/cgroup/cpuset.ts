// The cpuset in force: the effective list (what the kernel actually allows, after ancestors), falling back to
// the configured list. The cpuset controller may sit on another hierarchy (and version) than cpu, so it is
// placed on its own. v1 (cgroup-v1/cpusets.rst): cpuset.effective_cpus, else cpuset.cpus, at the leaf.
// v2 (cgroup-v2.rst "Cpuset"): cpuset.cpus.effective, which exists only where the cpuset controller is
// enabled, so the nearest level that has it decides.
import {parseCpuList} from '../parse/cpulist.js'
import {firstPresent, type Read} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Hierarchy} from './discover.js'
import {placement} from './placement.js'

export function v1Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    const leaf = at.leaf
    return firstPresent(
      ['cpuset.effective_cpus', 'cpuset.cpus'].map((name) => () => readField(sys, joinGuest(leaf, name), parseCpuList)),
    )!
  }
}

export function v2Cpuset(sys: Sysroot, h: Hierarchy | null): () => Read<number[]> {
  const at = placement(h, 'cpuset')
  return () => {
    if (at.leaf === null) return at.unplaced
    return firstPresent(
      at.dirs.map((dir) => () => readField(sys, joinGuest(dir, 'cpuset.cpus.effective'), parseCpuList)),
    )!
  }
}
