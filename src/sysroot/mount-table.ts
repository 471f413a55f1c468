// Which reads can block forever: decided here, once, from the mount a file lies on.
//
// A read from procfs, sysfs, cgroupfs, tmpfs or a local disk returns or fails; a read from a filesystem
// served by another process or machine waits for that server: FUSE (lxcfs over /proc/meminfo in a container:
// Documentation/filesystems/fuse.rst, "a request is not answered until the daemon replies"), NFS and CIFS
// hard mounts (nfs(5): "hard" retries forever), 9p, virtiofs, ceph... Only those need a time box (timebox.ts).
//
// The table is this process's own /proc/self/mountinfo, not the tree's: whether a read can hang depends on
// where the bytes really come from (a captured tree's copy of a fuse.lxcfs file is a plain file; a tree on
// an NFS home directory is not). Under --root / the two are the same. Read once per process (a few KB of
// procfs); if it cannot be read, nothing is time-boxed, as before.
import {readFileSync} from 'node:fs'
import {parseMountinfo, visibleMounts, type Mount} from '../parse/mountinfo.js'

/** Filesystem types whose reads wait on a daemon or a server (the fstype column of mountinfo). */
const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', '9p', 'virtiofs', 'ceph', 'afs', 'lustre'])

/** A mountinfo line whose fstype (after " - ") may be one of those: a cheap test before any parsing. */
const HANGING_LINE = / - (fuse|nfs|cifs|smb|9p|virtiofs|ceph|afs|lustre)/

export const canHang = (fsType: string): boolean =>
  fsType === 'fuse' || fsType === 'fuseblk' || fsType.startsWith('fuse.') || NETWORK_TYPES.has(fsType)

/** What a time-boxed read needs to say where it hung. */
export type HangingMount = {mountPoint: string; fsType: string; device: string}

let table: Mount[] | null = null

/** Longest mount points first, so the first prefix that matches is the mount the path lies on. */
function mounts(): Mount[] {
  if (table) return table
  try {
    const text = readFileSync('/proc/self/mountinfo', 'utf8')
    // The common case: no such mount at all; then the table stays empty and is never parsed.
    const parsed = HANGING_LINE.test(text) ? parseMountinfo(text) : null
    table = parsed?.ok ? [...visibleMounts(parsed.value)] : [] // a copy: sorted below, and visibleMounts may be kept
  } catch {
    table = []
  }
  table.sort((a, b) => b.mountPoint.length - a.mountPoint.length)
  return table
}

/** The mount under `hostPath` (an absolute path on this machine), if reads from it can hang; else null. */
export function hangingMountOf(hostPath: string): HangingMount | null {
  for (const m of mounts()) {
    const p = m.mountPoint
    if (hostPath === p || hostPath.startsWith(p === '/' ? '/' : p + '/')) {
      return canHang(m.fsType) ? {mountPoint: p, fsType: m.fsType, device: m.device} : null
    }
  }
  return null
}

/** For tests: forget the table (a test that mounts something reads it again). */
export function resetMountTable(): void {
  table = null
}
