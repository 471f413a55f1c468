// The sysroot: the only module that touches node:fs for guest files.
//
// Every /proc and /sys path, and every mount point found in mountinfo, is a *guest path* ("/proc/meminfo",
// "/sys/fs/cgroup/cpu/cpu.shares") resolved under one root directory: "/" on a live system, a fixture or
// a `guestview capture` tree otherwise. Reads never throw: they return the text or a typed absence
// (see outcome.ts). A sysroot can record what it read, which is how `capture` knows what to copy.
//
// A tree is untrusted input (issue 13): every component of a guest path is resolved inside it
// (resolve.ts: a link that leaves the tree is denied "escapes the root"), only regular files are read, each
// up to a cap (bounded.ts: over it, malformed "larger than N bytes"), and all reads of one Sysroot together
// up to READ_BUDGET_BYTES, so whatever the tree holds, a report stays small. Under --root / the kernel
// resolves links (the root is the machine), and the same caps apply.
//
// A captured tree may hold a manifest (CAPTURE_MANIFEST) listing guest paths that were unreadable when
// captured (permission denied, EOPNOTSUPP...): those replay as the same absence, so a capture replays
// exactly, and fixtures can express "denied" files, which git cannot.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  opendirSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs'
import {posix} from 'node:path'
import {readBounded} from './bounded.js'
import {
  absent,
  fromCode,
  fromErrno,
  malformed,
  value,
  type FileRead,
  type Unread,
  type UnknownKind,
  type Value,
} from './outcome.js'
import {resolveInRoot} from './resolve.js'

export const CAPTURE_MANIFEST = 'guestview-capture.json'

/** No kernel file we read comes near this (a /proc/stat of 1000s of CPUs, a net/dev of 1000s of veths: ~1 MB). */
export const FILE_CAP_BYTES = 1 << 20
/** mountinfo on a busy host (thousands of mounts, overlay options) reaches a few MB. */
export const MOUNTINFO_CAP_BYTES = 8 << 20
/** All reads of one Sysroot (one report snapshot) together; past it, every further read is malformed. */
export const READ_BUDGET_BYTES = 24 << 20
/** Entries listed from one directory. */
export const LIST_CAP = 100_000

/** Errors of a probe's read that still mean "this opened for reading" (see probe()). */
const PROBE_READABLE = new Set(['EAGAIN', 'EINVAL', 'EPIPE'])

export type DirRead = Value<string[]> | Unread
/** The first bytes of a file that may be long (cgroup.procs), and whether more was left unread. */
export type HeadRead = Value<{text: string; truncated: boolean}> | Unread
/** What was read, and the source's permission bits (capture keeps modes no wider than these). */
export type Recorded =
  | {type: 'file'; outcome: FileRead; mode?: number}
  | {type: 'link'; outcome: FileRead; mode?: number}
  | {type: 'dir'; outcome: DirRead; mode?: number}
  | {type: 'probe'; outcome: FileRead; mode?: number}

/** A guest path as a normalised absolute path: "proc/x", "/proc/./x" and "/../proc/x" are all "/proc/x". */
export const guestKey = (guestPath: string): string => posix.normalize('/' + guestPath)

/** The cap for one guest path: mountinfo may be large, everything else is small. */
export function capFor(guestPath: string): number {
  return /^\/proc\/(self|\d+|thread-self)\/mountinfo$/.test(guestPath) ? MOUNTINFO_CAP_BYTES : FILE_CAP_BYTES
}

type ManifestEntry = {kind: UnknownKind; reason: string}

export class Sysroot {
  readonly rootDir: string
  readonly recorded = new Map<string, Recorded>()
  private readonly unreadable: Record<string, ManifestEntry>
  private readonly recording: boolean
  /** realpath of the root: where every file opened in a tree must really be. */
  private readonly realRoot: string | null
  private budgetLeft = READ_BUDGET_BYTES
  /** Resolved directories of this snapshot (resolve.ts). */
  private readonly dirs = new Map<string, string[]>()

  constructor(rootDir: string, options: {record?: boolean} = {}) {
    this.rootDir = posix.resolve(rootDir)
    this.recording = options.record ?? false
    // A root that is "/" once resolved (a link to it) is the machine: the kernel resolves links there.
    const real = this.rootDir === '/' ? '/' : realOrSame(this.rootDir)
    this.realRoot = real === '/' ? null : real
    this.unreadable = this.realRoot ? this.loadManifest() : {}
  }

  /** Host path of a guest path, lexically (normalize() keeps "/.." from escaping); reads resolve links too. */
  hostPath(guestPath: string): string {
    const clean = guestKey(guestPath)
    return this.rootDir === '/' ? clean : posix.join(this.rootDir, clean)
  }

  isLive(): boolean {
    return this.rootDir === '/'
  }

  /**
   * Each file is read once per Sysroot (one report): every part of the report sees the same snapshot,
   * a capture replays exactly what was used, and no file is read twice (views and findings share reads).
   */
  read(guestPath: string): FileRead {
    const path = guestKey(guestPath)
    const cached = this.cache.get(path)
    if (cached) return cached
    let mode: number | undefined
    let outcome: FileRead | undefined = this.fromManifest(path)
    if (!outcome) {
      const r = this.readFile(path, capFor(path), false)
      outcome = r.kind === 'value' ? value(r.text, path) : r
      if (r.kind === 'value') mode = r.mode
    }
    this.cache.set(path, outcome)
    if (this.recording) this.recorded.set(path, {type: 'file', outcome, mode})
    return outcome
  }

  private readonly cache = new Map<string, FileRead>()

  /**
   * The first `maxBytes` of a file that may be long (cgroup.procs of a root cgroup lists every process):
   * the caller uses what it got and says that the rest was dropped. A capture records what was read.
   */
  readHead(guestPath: string, maxBytes: number): HeadRead {
    const path = guestKey(guestPath)
    const m = this.fromManifest(path)
    if (m) return m
    const r = this.readFile(path, maxBytes, true)
    if (r.kind !== 'value') return r
    if (this.recording) this.recorded.set(path, {type: 'file', outcome: value(r.text, path), mode: r.mode})
    return value({text: r.text, truncated: r.truncated}, path)
  }

  readLink(guestPath: string): FileRead {
    const path = guestKey(guestPath)
    let outcome: FileRead | undefined = this.fromManifest(path)
    if (!outcome) {
      const host = this.resolve(path, false)
      if (host.kind !== 'value') outcome = host
      else {
        try {
          outcome = value(readlinkSync(host.host), path)
        } catch (error) {
          outcome = fromErrno(path, error)
        }
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirRead {
    const path = guestKey(guestPath)
    let outcome: DirRead | undefined = this.fromManifest(path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(path, true)
      if (host.kind !== 'value') outcome = host
      else {
        try {
          const dir = opendirSync(host.host)
          const entries: string[] = []
          try {
            for (let e = dir.readSync(); e !== null && entries.length < LIST_CAP; e = dir.readSync())
              entries.push(e.name)
          } finally {
            dir.closeSync()
          }
          outcome = value(entries.sort(), path)
          mode = statSync(host.host).mode & 0o7777
        } catch (error) {
          outcome = fromErrno(path, error)
        }
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'dir', outcome, mode})
    return outcome
  }

  /**
   * Open a character device or a file that may block (/dev/kmsg) without blocking: O_NONBLOCK, one read of
   * at most maxBytes, close. Used to ask "may I read this?" (dmesg) rather than to read it all.
   */
  probe(guestPath: string, maxBytes = 8192): FileRead {
    const path = guestKey(guestPath)
    let outcome: FileRead | undefined = this.fromManifest(path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(path, true)
      if (host.kind !== 'value') outcome = host
      else {
        let fd: number | undefined
        try {
          const noFollow = this.realRoot ? constants.O_NOFOLLOW : 0
          fd = openSync(host.host, constants.O_RDONLY | constants.O_NONBLOCK | noFollow)
          mode = fstatSync(fd).mode & 0o7777
          const buf = Buffer.alloc(maxBytes)
          let n = 0
          try {
            n = readSync(fd, buf, 0, maxBytes, null)
          } catch (error) {
            // Opened fine, so "may read", whatever the read says: EAGAIN, nothing to read right now; EINVAL, the
            // next /dev/kmsg record is longer than the buffer; EPIPE, records were overwritten since the open
            // (Documentation/ABI/testing/dev-kmsg).
            if (!PROBE_READABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error
          }
          outcome = value(buf.subarray(0, n).toString('utf8'), path)
        } catch (error) {
          outcome = fromErrno(path, error)
        } finally {
          if (fd !== undefined) closeSync(fd)
        }
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'probe', outcome, mode})
    return outcome
  }

  /** Whether the root directory exists at all (for the --root check). */
  rootExists(): boolean {
    return this.rootState() === 'directory'
  }

  /** What the root is: a directory, absent, something else, or an errno code (EACCES...). */
  rootState(): 'directory' | 'absent' | 'not-directory' | (string & {}) {
    try {
      return statSync(this.rootDir).isDirectory() ? 'directory' : 'not-directory'
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      return code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : code
    }
  }

  /** The host path of a guest path: as is under "/", resolved inside the tree otherwise. */
  private resolve(path: string, followLast: boolean) {
    if (!this.realRoot) return {kind: 'value' as const, host: path}
    return resolveInRoot(this.realRoot, path, followLast, this.dirs)
  }

  private readFile(path: string, cap: number, head: boolean) {
    const overBudget = () => malformed(path, `not read: this tree's files passed ${READ_BUDGET_BYTES} bytes in all`)
    if (this.budgetLeft <= 0) return overBudget()
    const host = this.resolve(path, true)
    if (host.kind !== 'value') return host
    const r = readBounded(path, host.host, Math.min(cap, this.budgetLeft), {
      noFollow: this.realRoot !== null,
      head,
      ...(this.realRoot ? {realRoot: this.realRoot} : {}),
    })
    if (r.kind === 'value') this.budgetLeft -= r.bytes
    else if (r.kind === 'malformed' && /: larger than/.test(r.reason) && cap > this.budgetLeft) return overBudget()
    return r
  }

  private fromManifest(path: string): Unread | undefined {
    const entry = this.unreadable[path]
    return entry ? {kind: entry.kind, path, reason: entry.reason} : undefined
  }

  private loadManifest(): Record<string, ManifestEntry> {
    // The manifest is part of the tree: read it like any file (no links out, no FIFO, bounded).
    const root = this.realRoot
    if (!root) return {}
    try {
      if (!lstatSync(`${root}/${CAPTURE_MANIFEST}`).isFile()) return {}
    } catch {
      return {}
    }
    const r = readBounded(`/${CAPTURE_MANIFEST}`, `${root}/${CAPTURE_MANIFEST}`, FILE_CAP_BYTES, {noFollow: true})
    if (r.kind !== 'value') return {}
    try {
      const parsed = JSON.parse(r.text) as {unreadable?: unknown}
      const out = Object.create(null) as Record<string, ManifestEntry>
      if (parsed && typeof parsed.unreadable === 'object' && parsed.unreadable !== null) {
        for (const [k, v] of Object.entries(parsed.unreadable as Record<string, unknown>)) {
          const entry = manifestEntry(guestKey(k), v)
          if (entry) out[guestKey(k)] = entry
        }
      }
      return out
    } catch {
      // A broken manifest must not crash a replay; the files themselves are still read.
      return {}
    }
  }
}

function realOrSame(dir: string): string {
  try {
    return realpathSync(dir)
  } catch {
    return dir
  }
}

const KINDS: UnknownKind[] = ['absent', 'unsupported', 'denied', 'malformed']

/**
 * One manifest entry: {kind, reason} as `capture` writes it. Captures made before Field (kinds absent,
 * denied, error with a path-less "detail") still replay: the errno in the detail is classified again by
 * outcome.ts, so an old "error ... (EOPNOTSUPP)" replays as unsupported, like a live read would.
 */
function manifestEntry(path: string, v: unknown): ManifestEntry | undefined {
  if (!v || typeof v !== 'object') return undefined
  const e = v as {kind?: unknown; reason?: unknown; detail?: unknown}
  if (typeof e.reason === 'string' && KINDS.includes(e.kind as UnknownKind))
    return {kind: e.kind as UnknownKind, reason: e.reason.slice(0, 1000)}
  if (typeof e.detail !== 'string' || !['absent', 'denied', 'error', ...KINDS].includes(e.kind as string))
    return undefined
  const code = /\((E[A-Z]+)\)/.exec(e.detail)?.[1]
  const u = e.kind === 'absent' ? absent(path) : code ? fromCode(path, code) : null
  if (u) return {kind: u.kind, reason: u.reason}
  const kind = e.kind === 'error' ? 'malformed' : (e.kind as UnknownKind)
  return {kind, reason: `${path}: ${e.detail.slice(0, 1000)}`}
}
