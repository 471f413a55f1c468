// Cgroup discovery: which hierarchies this process is in, where their directories are under the sysroot,
// and whether the layout is v1, v2 or hybrid. Inputs are /proc/self/mountinfo and /proc/self/cgroup only;
// mount points are never assumed (automaxprocs hard-codes /sys/fs/cgroup; we do not).
//
// Path translation (Documentation/admin-guide/cgroup-v2.rst "Namespace", cgroup_namespaces(7)):
// /proc/self/cgroup gives the cgroup path relative to the reader's cgroup-namespace root; mountinfo's root
// field gives the cgroup path shown at the mount point, relative to the same root. So the directory is
//   mountPoint + (cgroupPath with the mount root stripped)
// e.g. --cgroupns=host: path "/docker/abc", root "/docker/abc" -> the mount point itself. A path that is
// not below the mount root (root "/.." after a bare `unshare --cgroup`; a path with ".." segments from another
// cgroup namespace, see relativeToRoot) cannot be placed: it is reported, never guessed.
import {parseMountinfo, visibleMounts, type Mount} from '../parse/mountinfo.js'
import {parseProcCgroup, type CgroupLine} from '../parse/proc-cgroup.js'
import {hasDotSegment} from '../parse/path-segments.js'
import {notThere, type Unread} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export const V1_CONTROLLERS = new Set([
  'cpu',
  'cpuacct',
  'cpuset',
  'memory',
  'pids',
  'blkio',
  'devices',
  'freezer',
  'net_cls',
  'net_prio',
  'perf_event',
  'hugetlb',
  'rdma',
  'misc',
])

/** Initial cgroup namespace inode (include/linux/proc_ns.h: CGROUP_NS_INIT_INO = 0xEFFFFFFB). */
export const INIT_CGROUP_NS = 'cgroup:[4026531835]'

export type Hierarchy = {
  version: 'v1' | 'v2'
  controllers: string[]
  mountPoint: string
  mountRoot: string
  cgroupPath: string
  /** Guest directory of this process's cgroup, or null with `problem` saying why. */
  dir: string | null
  problem?: string
  /**
   * Only on the stand-in factory.ts makes when discovery failed (never in Found.hierarchies, so never in the
   * JSON): why there is no directory, as the failed read gave it, its kind kept (denied stays denied).
   */
  unread?: Unread
}

export type Found = {
  /** "unknown" when mountinfo or /proc/self/cgroup cannot be read, or no cgroup filesystem is mounted. */
  version: 'v1' | 'v2' | 'hybrid' | 'unknown'
  path: string | null
  namespace: 'private' | 'host' | 'unknown'
  namespaceEvidence: string
  hierarchies: Hierarchy[]
  /** The visible mounts, for callers that check what is mounted over a file (lxcfs). */
  mounts: readonly Mount[]
  notes: string[]
  /** Why the layout is unknown, as a Field's kind and reason (a denied mountinfo is denied); null when known. */
  failure: Unread | null
}

/**
 * The cgroup path relative to the mount's root ("/" for the mount point itself), or null when the path is not
 * at or below it. Both are relative to the reader's cgroup-namespace root, and the kernel writes a cgroup
 * outside that root with ".." segments: from a private cgroupns, a process in a sibling cgroup (entered with
 * nsenter, or a --pid target in another container) reads "0::/../libpod-<id>", and so may the mount root
 * (mountinfo roots are shown relative to the reader's namespace too). A ".." is never resolved lexically:
 * "/sys/fs/cgroup" + "/../sibling" would name a directory that is not that cgroup, and the ancestor walk
 * would then read the namespace root's limits as ours. So the path is compared segment by segment: an exact
 * match is the mount point, a path below the root is placed only if what follows the root has no "." or ".."
 * segment; anything else is not below this root.
 */
export function relativeToRoot(cgroupPath: string, mountRoot: string): string | null {
  if (cgroupPath === mountRoot) return '/'
  const root = mountRoot === '/' ? '' : mountRoot
  if (!cgroupPath.startsWith(root + '/')) return null
  // Only what follows the root is checked: a root outside the namespace ("/../libpod-1") is the kernel's own
  // way of writing it. Empty segments and a trailing "/" are kept (the kernel writes neither, and every
  // read folds them: guestKey); NUL too (a read of the directory answers malformed).
  const rest = cgroupPath.slice(root.length)
  return hasDotSegment(rest) ? null : rest
}

function place(version: 'v1' | 'v2', controllers: string[], mount: Mount, line: CgroupLine): Hierarchy {
  const rel = relativeToRoot(line.path, mount.root)
  const base = {version, controllers, mountPoint: mount.mountPoint, mountRoot: mount.root, cgroupPath: line.path}
  if (rel === null) {
    return {
      ...base,
      dir: null,
      problem:
        `cgroup path ${line.path} is not below the mount root ${mount.root} of ${mount.mountPoint}` +
        (mount.root.startsWith('/..')
          ? " (the mount starts above this cgroup namespace's root)"
          : line.path.split('/').includes('..')
            ? " (the cgroup lies outside this cgroup namespace's root: a process that joined the namespace from another cgroup)"
            : ''),
    }
  }
  return {...base, dir: rel === '/' ? mount.mountPoint : joinGuest(mount.mountPoint, rel.slice(1))}
}

export function discover(sys: Sysroot): Found {
  const unknownLayout = (failure: Unread, mounts: readonly Mount[] = []): Found => ({
    version: 'unknown',
    path: null,
    namespace: 'unknown',
    namespaceEvidence: failure.reason,
    hierarchies: [],
    mounts,
    notes: [failure.reason],
    failure,
  })
  const mi = readField(sys, '/proc/self/mountinfo', parseMountinfo)
  if (mi.kind !== 'value') return unknownLayout(mi)
  const mounts = visibleMounts(mi.value)
  const pc = readField(sys, '/proc/self/cgroup', parseProcCgroup)
  if (pc.kind !== 'value') return unknownLayout(pc, mounts)
  const lines = pc.value
  const notes: string[] = []
  const hierarchies: Hierarchy[] = []

  // v1: each visible "cgroup" mount carries its controllers in the super options. One hierarchy may be
  // mounted several times (a bind of one cgroup beside the whole tree): every mount of it is a candidate.
  const byHierarchy = new Map<string, {controllers: string[]; mounts: Mount[]}>()
  for (const m of mounts.filter((m) => m.fsType === 'cgroup')) {
    const controllers = m.superOptions.filter((o) => V1_CONTROLLERS.has(o) || o.startsWith('name='))
    if (controllers.length === 0) continue
    const key = [...controllers].sort().join(',')
    const group = byHierarchy.get(key)
    if (group) group.mounts.push(m)
    else byHierarchy.set(key, {controllers, mounts: [m]})
  }
  for (const {controllers, mounts: candidates} of byHierarchy.values()) {
    const line = lines.find((l) => l.hierarchyId !== 0 && l.controllers.some((c) => controllers.includes(c)))
    if (!line) {
      notes.push(`no /proc/self/cgroup line for the ${controllers.join(',')} mount at ${candidates[0]!.mountPoint}`)
      continue
    }
    hierarchies.push(place('v1', controllers, pickMount(candidates, line.path), line))
  }
  // v2: one unified hierarchy; its controllers are listed in cgroup.controllers of our cgroup.
  const v2line = lines.find((l) => l.hierarchyId === 0)
  const v2mounts = mounts.filter((m) => m.fsType === 'cgroup2')
  if (v2mounts.length > 0 && v2line) {
    const h = place('v2', [], pickMount(v2mounts, v2line.path), v2line)
    if (h.dir) {
      const c = sys.read(joinGuest(h.dir, 'cgroup.controllers'))
      h.controllers = c.kind === 'value' ? c.value.trim().split(/\s+/).filter(Boolean) : []
      if (c.kind !== 'value') notes.push(`cannot list v2 controllers: ${c.reason}`)
    }
    hierarchies.push(h)
  } else if (v2mounts.length > 0 && !v2line) {
    notes.push(`a cgroup2 mount at ${v2mounts[0]!.mountPoint} but no "0::" line in /proc/self/cgroup`)
  }

  const hasV1 = hierarchies.some((h) => h.version === 'v1' && h.controllers.some((c) => V1_CONTROLLERS.has(c)))
  const hasV2 = hierarchies.some((h) => h.version === 'v2')
  if (!hasV1 && !hasV2) {
    return unknownLayout(
      notThere(
        'no cgroup filesystem is mounted (mountinfo lists no cgroup or cgroup2 mount with a matching /proc/self/cgroup line)',
      ),
      mounts,
    )
  }
  const version = hasV1 && hasV2 ? 'hybrid' : hasV1 ? 'v1' : 'v2'

  const main = version === 'v2' ? hierarchies.find((h) => h.version === 'v2')! : pickV1(hierarchies)
  const ns = cgroupNamespace(sys, hierarchies)
  return {
    version,
    path: main.cgroupPath,
    namespace: ns.namespace,
    namespaceEvidence: ns.evidence,
    hierarchies,
    mounts,
    notes,
    failure: null,
  }
}

/**
 * Of several mounts of one hierarchy, the one that can place our cgroup (its root contains our path), and of
 * those the one whose root is highest, since it shows the most ancestors to walk. Listed order breaks ties,
 * and with none that places it the first stands, to say why.
 */
function pickMount(candidates: readonly Mount[], cgroupPath: string): Mount {
  let best: Mount | null = null
  for (const m of candidates) {
    if (relativeToRoot(cgroupPath, m.root) === null) continue
    if (best === null || depth(m.root) < depth(best.root)) best = m
  }
  return best ?? candidates[0]!
}

const depth = (root: string) => root.split('/').filter(Boolean).length

function pickV1(hs: Hierarchy[]): Hierarchy {
  for (const c of ['cpu', 'memory', 'pids']) {
    const h = hs.find((x) => x.version === 'v1' && x.controllers.includes(c))
    if (h) return h
  }
  return hs[0]!
}

function cgroupNamespace(sys: Sysroot, hs: Hierarchy[]): {namespace: 'private' | 'host' | 'unknown'; evidence: string} {
  const link = sys.readLink('/proc/self/ns/cgroup')
  if (link.kind === 'value') {
    const target = link.value.trim()
    if (target === INIT_CGROUP_NS)
      return {namespace: 'host', evidence: `/proc/self/ns/cgroup is ${target}, the initial cgroup namespace`}
    if (/^cgroup:\[\d+\]$/.test(target))
      return {namespace: 'private', evidence: `/proc/self/ns/cgroup is ${target}, not the initial ${INIT_CGROUP_NS}`}
  }
  // Without the link, the mount roots can still tell in two cases.
  const above = hs.find((h) => h.mountRoot.startsWith('/..'))
  if (above)
    return {
      namespace: 'private',
      evidence: `mount root ${above.mountRoot} at ${above.mountPoint} lies above the namespace root`,
    }
  const hostView = hs.find((h) => h.cgroupPath !== '/' && h.cgroupPath === h.mountRoot)
  if (hostView) {
    return {
      namespace: 'host',
      evidence: `/proc/self/cgroup shows the full path ${hostView.cgroupPath}, as a host cgroup namespace does`,
    }
  }
  return {
    namespace: 'unknown',
    evidence: link.kind === 'value' ? `unrecognised /proc/self/ns/cgroup: ${link.value.trim()}` : link.reason,
  }
}

/** The hierarchy that serves a controller: v1 first (hybrid keeps the classic controllers on v1), else v2. */
export function hierarchyFor(d: Found, controller: string): Hierarchy | null {
  const v1 = d.hierarchies.find((h) => h.version === 'v1' && h.controllers.includes(controller))
  if (v1) return v1
  const v2 = d.hierarchies.find((h) => h.version === 'v2')
  if (!v2) return null
  // Pure v2: always walk it, since a limit can sit on an ancestor even where this cgroup's own
  // cgroup.controllers lacks the controller. Hybrid: only what the unified hierarchy really holds.
  if (d.version === 'v2') return v2
  return v2.controllers.includes(controller) ? v2 : null
}

/**
 * Why no hierarchy serves a controller: when discovery itself failed (mountinfo or /proc/self/cgroup denied,
 * absent or malformed), that failure is the reason, not "no such controller is mounted" (issue 13 item 11).
 */
export function noHierarchyReason(d: Found, controller: string): string {
  if (d.version === 'unknown') return `cgroup layout unknown: ${d.notes[0] ?? d.namespaceEvidence}`
  return `no ${controller} controller is mounted`
}

/** Directories from the process's cgroup up to the top of what the mount shows (leaf first). */
export function ancestorDirs(h: Hierarchy): string[] {
  if (!h.dir) return []
  const out = [h.dir]
  let d = h.dir
  while (d !== h.mountPoint && d.startsWith(h.mountPoint + '/')) {
    d = d.slice(0, d.lastIndexOf('/'))
    out.push(d)
  }
  return out
}
