// /proc/self/mountinfo, proc(5) and Documentation/filesystems/proc.rst §3.5:
//
//   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)     (10)      (11)
//   (1) mount ID  (2) parent ID  (3) major:minor  (4) root: the path inside the filesystem that is mounted
//   (5) mount point  (6) per-mount options  (7) zero or more optional fields ("shared:1", "master:2")
//   (8) "-" separator  (9) filesystem type  (10) source  (11) super-block options
//
// Paths escape space, tab, newline and backslash as octal ("\040"). For a cgroup mount, field (4) is the
// cgroup path that the mount shows at its mount point: "/" for a fresh mount in a private cgroup namespace,
// "/docker/<id>" for a runtime's bind of the container's own cgroup, "/.." when the mount starts above the
// reader's cgroup-namespace root. The cgroup controllers are in the super options ("rw,cpu,cpuacct").
import {parseSafeInt} from './numbers.js'
import {hasDotSegment} from './path-segments.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {isMajorMinor} from './scan.js'

export type Mount = {
  id: number
  parentId: number
  device: string
  root: string
  mountPoint: string
  options: string[]
  optionalFields: string[]
  fsType: string
  source: string
  superOptions: string[]
}

export function unescapeOctal(s: string): string {
  if (!s.includes('\\')) return s // the common case: nothing escaped, no regular expression run
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)))
}

export function parseMountinfoLine(line: string): Parsed<Mount> {
  const fields = line.trim().split(' ')
  const sep = fields.indexOf('-', 6)
  if (fields.length < 10 || sep < 6 || fields.length < sep + 3) return fail(`malformed mountinfo line: ${quote(line)}`)
  const ids = [parseSafeInt(fields[0]!, 2 ** 32), parseSafeInt(fields[1]!, 2 ** 32)]
  if (!ids[0]!.ok || !ids[1]!.ok) return fail(`bad mount ids in ${quote(line)}`)
  const id = ids[0]!.value
  const parentId = ids[1]!.value
  if (!isMajorMinor(fields[2]!)) return fail(`bad major:minor in ${quote(line)}`)
  const mountPoint = unescapeOctal(fields[4]!)
  // The kernel prints mount points as absolute, resolved paths (d_path). A relative one, or one with a "."
  // or ".." segment, comes from a forged tree and would steer reads (and capture's writes) elsewhere.
  if (!isCleanAbsolute(mountPoint)) return fail(`mount point is not a clean absolute path in ${quote(line)}`)
  return ok({
    id,
    parentId,
    device: fields[2]!,
    root: unescapeOctal(fields[3]!),
    mountPoint,
    options: fields[5]!.split(','),
    optionalFields: fields.slice(6, sep),
    fsType: fields[sep + 1]!,
    source: unescapeOctal(fields[sep + 2]!),
    superOptions: (fields[sep + 3] ?? '').split(',').filter(Boolean),
  })
}

/**
 * Absolute and no NUL (no path holds one: a "\000" is forged, and every fs call on the path would fail),
 * no "." or ".." segment. Empty segments and a trailing "/" ("/a//b", "/a/") are kept: d_path never writes
 * them either, but they steer nowhere (every read keys its path by guestKey, which folds them), and one
 * refused line fails the whole table.
 */
function isCleanAbsolute(p: string): boolean {
  return p.startsWith('/') && !p.includes('\0') && !hasDotSegment(p)
}

// One report parses the mount table three times (cgroup discovery, the kernel-global check of sysroot.ts,
// the root mount of hostView), and `serve` makes a report every second from a table that seldom changes
// (one collection cost 10-12 ms of CPU, 0.7 ms of it here: bench/serve.ts). So the last few tables parsed
// are kept by their text: the same text gives the same result, frozen (no reader may change what the next
// one gets), without parsing again. A few, not one: `serve --pod` reads one table per container.
const PARSED_KEPT = 8
const parsedByText = new Map<string, Parsed<readonly Mount[]>>()

/** All lines must parse: a half-read mount table would make discovery guess. The result is frozen. */
export function parseMountinfo(text: string): Parsed<readonly Mount[]> {
  const kept = parsedByText.get(text)
  if (kept) return kept
  const parsed = parseTable(text)
  if (parsed.ok) for (const m of parsed.value) freezeMount(m)
  Object.freeze(parsed.ok ? parsed.value : parsed)
  if (parsedByText.size >= PARSED_KEPT) parsedByText.delete(parsedByText.keys().next().value!)
  parsedByText.set(text, Object.freeze(parsed))
  return parsed
}

function parseTable(text: string): Parsed<Mount[]> {
  const mounts: Mount[] = []
  let n = 0 // lines that are not blank, as numbered in a failure
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    n++
    const m = parseMountinfoLine(line)
    if (!m.ok) return fail(`line ${n}: ${m.reason}`)
    mounts.push(m.value)
  }
  if (n === 0) return fail('empty mountinfo')
  return ok(mounts)
}

function freezeMount(m: Mount): void {
  Object.freeze(m.options)
  Object.freeze(m.optionalFields)
  Object.freeze(m.superOptions)
  Object.freeze(m)
}

const visibleOf = new WeakMap<readonly Mount[], readonly Mount[]>()

/**
 * The mount visible at a mount point is the last one listed there (a later mount stacks on top of an
 * earlier one; test-environment.md shows both lines after an in-namespace remount). A mount whose parent
 * is covered is hidden too: after `mount -t tmpfs tmpfs /sys/fs/cgroup` in a new mount namespace, the old
 * /sys/fs/cgroup/devices, .../unified... stay listed but no path reaches them. A mount stacked on its
 * parent at the same point (the new tmpfs over the old one) is reachable if that parent's place is.
 */
export function visibleMounts(mounts: readonly Mount[]): readonly Mount[] {
  // A kept table (parseMountinfo's, frozen) has its answer kept with it.
  const kept = visibleOf.get(mounts)
  if (kept) return kept
  const visible = visibleOf_(mounts)
  if (Object.isFrozen(mounts)) visibleOf.set(mounts, Object.freeze(visible))
  return visible
}

function visibleOf_(mounts: readonly Mount[]): Mount[] {
  const byPoint = new Map<string, Mount>()
  const byId = new Map<number, Mount>()
  for (const m of mounts) {
    byPoint.set(m.mountPoint, m)
    byId.set(m.id, m)
  }
  const reachable = (m: Mount, depth = 0): boolean => {
    const p = byId.get(m.parentId)
    if (!p || p === m || depth > mounts.length) return true // the namespace's root mount (its parent is not listed)
    if (p.mountPoint === m.mountPoint) return reachable(p, depth + 1)
    return byPoint.get(p.mountPoint) === p && reachable(p, depth + 1)
  }
  return mounts.filter((m) => byPoint.get(m.mountPoint) === m && reachable(m))
}
