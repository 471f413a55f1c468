// Where a guest path is found when the report describes another process (`--pid PID`): the target is a
// property of the sysroot, so every reader above keeps asking for "/proc/self/cgroup" or
// "/sys/fs/cgroup/cpu/cpu.cfs_quota_us" and gets the target's file.
//
// The kernel gives a process's own view in two places (proc(5)):
//   /proc/PID/...       the process's own files: cgroup, mountinfo, status, ns/*, net/* (its network
//                       namespace), mounts. So /proc/self/X is /proc/PID/X, and the /proc entries that are
//                       links into "self" (/proc/net -> self/net, /proc/mounts -> self/mounts) are too.
//   /proc/PID/root/...  its root directory, in its mount namespace: every other path is read there, so the
//                       cgroup mounts found in its mountinfo (whose mount points are relative to its root),
//                       an lxcfs file mounted over its /proc/meminfo, and its /proc (its PID namespace) are
//                       the target's, whatever our own mounts are.
// Reading through /proc/PID/root needs ptrace read access (same uid, or CAP_SYS_PTRACE): see src/target.
//
// /proc/PID/root is the root of the target's view, not a path inside ours: a path below it is resolved
// inside it (an absolute link there starts again at /proc/PID/root, as it would for the target), never
// against our root. In a captured tree (`capture --pid`), the same two places hold the files, so
// `--root DIR --pid PID` replays them.
import {posix} from 'node:path'

export type Routed = {
  /** The path in the tree (under --root): "/proc/self/cgroup" -> "/proc/4242/cgroup". */
  treePath: string
  /** Set when the path lies in the target's root: the tree path of that root ("/proc/4242/root"). */
  nestedRoot: string | null
}

/** Entries of /proc that are links into /proc/self (fs/proc/root.c, proc_net.c): the target's own. */
const SELF_LINKS = new Set(['net', 'mounts'])

/** The route of a normalised guest path for a target PID, or the path itself for our own view. */
export function route(guestPath: string, pid: number | null): Routed {
  if (pid === null) return {treePath: guestPath, nestedRoot: null}
  const segs = guestPath.split('/').filter(Boolean)
  if (segs[0] === 'proc') {
    const first = segs[1]
    if (first === 'self' || first === 'thread-self')
      return {treePath: posix.join('/proc', String(pid), ...segs.slice(2)), nestedRoot: null}
    if (first !== undefined && SELF_LINKS.has(first))
      return {treePath: posix.join('/proc', String(pid), ...segs.slice(1)), nestedRoot: null}
  }
  const nestedRoot = `/proc/${pid}/root`
  return {treePath: segs.length === 0 ? nestedRoot : `${nestedRoot}/${segs.join('/')}`, nestedRoot}
}
