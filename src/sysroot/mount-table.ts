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

/**
 * The kernel's own pseudo-filesystems, whose files the kernel makes and serves from memory: procfs
 * (Documentation/filesystems/proc.rst), sysfs (Documentation/filesystems/sysfs.rst: "attributes" are
 * regular files) and cgroupfs, v1 and v2 (Documentation/admin-guide/cgroup-v1/cgroups.rst,
 * cgroup-v2.rst: "interface files" are regular files). No FIFO, device or socket can be made in them, and
 * an open or a read never waits on another process. Mounts of other types (tmpfs at /sys/fs/cgroup on v1,
 * a bind of /dev/null over a masked /proc file, lxcfs over /proc/meminfo) are not in this set.
 */
const KERNEL_TYPES = new Set(['proc', 'sysfs', 'cgroup', 'cgroup2'])

/**
 * Entries of /proc/PID (and /proc/PID/task/TID) that are links out of procfs (proc(5): the root and working
 * directory, the executable, open files, mapped files, namespaces): a path through one is not a procfs file.
 */
const PROC_LINKS = new Set(['root', 'cwd', 'exe', 'fd', 'map_files', 'ns'])

/**
 * procfs files that do not bound themselves (proc(5)): memory images and page tables, as large as the address
 * space or the machine's memory. No reader asks for them; if one did, readPlain's cap would stop the read.
 */
const PROC_UNBOUNDED = new Set(['kcore', 'kpagecount', 'kpageflags', 'kpagecgroup', 'mem', 'pagemap'])

/** This process's /proc/self/mountinfo as first read (null: unreadable), and whether a Sysroot took it. */
let text: {value: string} | {error: unknown} | null = null
let textTaken = false
/** Every visible mount, longest mount point first; null until a question needs it. */
let table: Mount[] | null = null
/** The visible mount at each mount point (one per point: visibleMounts keeps the top one). */
let atPoint = new Map<string, Mount>()
/** mountOf's answer for each directory asked about so far: a run's ~40 reads lie in a handful of them. */
let inDir = new Map<string, Mount | null>()

function ownText(): {value: string} | {error: unknown} {
  if (text) return text
  try {
    text = {value: readFileSync('/proc/self/mountinfo', 'utf8')}
  } catch (error) {
    text = {error}
  }
  return text
}

/**
 * The mount `hostPath` lies on, by the path as written: the longest mount point that is a prefix of it (the
 * table is sorted so, and parsed once); null where the table cannot be read. That is the mount at the path
 * itself if it is a mount point (a file can be one: lxcfs binds /proc/meminfo), else the mount its directory
 * lies on, which is looked up once per directory.
 */
function mountOf(hostPath: string): Mount | null {
  if (!table) {
    const t = ownText()
    const parsed = 'value' in t ? parseMountinfo(t.value) : null
    table = parsed?.ok ? [...visibleMounts(parsed.value)] : [] // a copy: sorted here, and visibleMounts may be kept
    table.sort((a, b) => b.mountPoint.length - a.mountPoint.length)
    for (const m of table) if (!atPoint.has(m.mountPoint)) atPoint.set(m.mountPoint, m)
  }
  const own = atPoint.get(hostPath)
  if (own) return own
  const slash = hostPath.lastIndexOf('/')
  const dir = slash <= 0 ? '/' : hostPath.slice(0, slash)
  let m = inDir.get(dir)
  if (m === undefined) inDir.set(dir, (m = longestPrefixMount(table, dir)))
  return m
}

function longestPrefixMount(sorted: readonly Mount[], path: string): Mount | null {
  for (const m of sorted) {
    const p = m.mountPoint
    if (path === p || path.startsWith(p === '/' ? '/' : p + '/')) return m
  }
  return null
}

/** For tests: the mount point `hostPath` lies on (null: no table), and how many directories were looked up. */
export const mountPointOf = (hostPath: string): string | null => mountOf(hostPath)?.mountPoint ?? null
export const mountLookups = (): number => inDir.size

/**
 * /proc/self/mountinfo for the live root's own view (sysroot.ts): the text this table was made from, to
 * the first caller (a one-shot run reads the file once, not twice), then a fresh read for each later one
 * (`serve` makes a report every second, and each must see the mounts of its moment). The table itself stays
 * the one read first, as before.
 */
export function takeOwnMountinfo(): {value: string} | {error: unknown} {
  if (!textTaken) {
    textTaken = true
    return ownText()
  }
  try {
    return {value: readFileSync('/proc/self/mountinfo', 'utf8')}
  } catch (error) {
    return {error}
  }
}

/**
 * Whether `hostPath` (an absolute path on this machine, as the kernel resolves it under --root /) lies on
 * procfs, sysfs or cgroupfs by this process's mount table, and not through one of procfs's links out of it:
 * a file there is a regular file that the kernel serves, so it is read in one call (bounded.ts
 * readKernelFile). The mount is found from the path as written: where a link leads elsewhere (a v1
 * /sys/fs/cgroup/cpu that links to cpu,cpuacct on the tmpfs), the tmpfs is the answer, and the read takes
 * the bounded path, as it would with no table at all (an unreadable or malformed mountinfo).
 */
export function kernelFileAt(hostPath: string): boolean {
  const m = mountOf(hostPath)
  if (!m || !KERNEL_TYPES.has(m.fsType)) return false
  if (m.fsType !== 'proc') return true
  for (const seg of hostPath.slice(m.mountPoint.length).split('/'))
    if (PROC_LINKS.has(seg) || PROC_UNBOUNDED.has(seg)) return false
  return true
}

/** The mount under `hostPath` (an absolute path on this machine), if reads from it can hang; else null. */
export function hangingMountOf(hostPath: string): HangingMount | null {
  // The common case: no such mount at all, found without parsing the table.
  const t = ownText()
  if (!('value' in t) || !HANGING_LINE.test(t.value)) return null
  const m = mountOf(hostPath)
  return m && canHang(m.fsType) ? {mountPoint: m.mountPoint, fsType: m.fsType, device: m.device} : null
}

/** For tests: forget the table (a test that mounts something reads it again). */
export function resetMountTable(): void {
  text = null
  textTaken = false
  table = null
  atPoint = new Map()
  inDir = new Map()
}
