// Cgroups above the visible top: a limit set on any ancestor binds (cgroup-v2.rst "Top-down Constraint";
// cgroup-v1/memory.rst "Hierarchy support"), but only what a mount shows can be read. Two layouts hide
// ancestors (cgroup-v2.rst "Namespace", cgroup_namespaces(7)):
//   - a private cgroup namespace: a fresh mount shows the namespace's root at the mount point, and the
//     cgroups above it (the pod's, in Kubernetes) are out of sight;
//   - a mount of a subtree: a runtime that binds the container's own cgroup at /sys/fs/cgroup (Docker and
//     containerd on v1 with the host's cgroup namespace) shows nothing above it.
// Neither hides anything when the top shown is the hierarchy's own root (`unshare --cgroup` from the root
// cgroup). The root is told by files the kernel creates only there or never there (kernel/cgroup/cgroup.c
// and cgroup-v1.c, CFTYPE_ONLY_ON_ROOT / CFTYPE_NOT_ON_ROOT):
//   v1: release_agent and cgroup.sane_behavior exist only on the root;
//   v2: cgroup.type and cgroup.events exist everywhere but on the root, and so do cpu.max, memory.max and
//       pids.max (the root has no limits).
// When that cannot be proven, ancestors are taken to be hidden: a caveat too many is cheaper than a limit
// reported as the whole truth when it is not.
import {joinGuest} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Found, Hierarchy} from './discover.js'

export type HiddenAncestors = {
  /** The topmost cgroup directory visible here: limits set on cgroups above it bind too, and cannot be read. */
  visibleTop: string
  why: 'private-cgroupns' | 'mount-subtree'
  reason: string
}

const V1_ROOT_ONLY = ['release_agent', 'cgroup.sane_behavior']
const V2_NOT_ON_ROOT = ['cgroup.type', 'cgroup.events', 'cpu.max', 'memory.max', 'pids.max']

/** Whether the top directory shown at the mount point is the hierarchy's root cgroup. */
function topIsRoot(sys: Sysroot, h: Hierarchy): boolean {
  const at = (name: string) => sys.read(joinGuest(h.mountPoint, name)).kind
  if (h.version === 'v1') return V1_ROOT_ONLY.some((f) => at(f) !== 'absent')
  return at('cgroup.controllers') === 'value' && V2_NOT_ON_ROOT.every((f) => at(f) === 'absent')
}

/** Whether cgroups above what the hierarchy's mount shows may hold limits: null when none can. */
export function hiddenAncestors(sys: Sysroot, d: Found, h: Hierarchy | null): HiddenAncestors | null {
  if (!h || !h.dir) return null // unplaced: its limits are unknown, with their own reason
  if (d.namespace === 'host' && h.mountRoot === '/') return null // the whole hierarchy is mounted
  if (topIsRoot(sys, h)) return null
  const top = h.mountPoint
  const binds = 'a limit set on an ancestor above it binds as well, and cannot be read here'
  if (d.namespace === 'private' && h.mountRoot === '/') {
    return {
      visibleTop: top,
      why: 'private-cgroupns',
      reason: `private cgroup namespace: ${top} is its root, and the ancestor cgroups above it are invisible from here: a limit set on one of them (a pod-level limit, say) binds as well, and cannot be read`,
    }
  }
  const shown =
    h.mountRoot === '/' ? 'a cgroup that is not the root of its hierarchy' : `only the subtree ${h.mountRoot}`
  return {visibleTop: top, why: 'mount-subtree', reason: `the mount at ${top} shows ${shown}: ${binds}`}
}
