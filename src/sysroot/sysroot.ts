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
import {classifyErrno, type Missing, type ReadOutcome} from './outcome.js'
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

export type DirOutcome = {ok: true; path: string; entries: string[]} | Missing
/** The first bytes of a file that may be long (cgroup.procs), and whether more was left unread. */
export type HeadOutcome = {ok: true; path: string; text: string; truncated: boolean} | Missing
/** What was read, and the source's permission bits (capture keeps modes no wider than these). */
export type Recorded =
  | {type: 'file'; outcome: ReadOutcome; mode?: number}
  | {type: 'link'; outcome: ReadOutcome; mode?: number}
  | {type: 'dir'; outcome: DirOutcome; mode?: number}
  | {type: 'probe'; outcome: ReadOutcome; mode?: number}

/** A guest path as a normalised absolute path: "proc/x", "/proc/./x" and "/../proc/x" are all "/proc/x". */
export const guestKey = (guestPath: string): string => posix.normalize('/' + guestPath)

/** The cap for one guest path: mountinfo may be large, everything else is small. */
export function capFor(guestPath: string): number {
  return /^\/proc\/(self|\d+|thread-self)\/mountinfo$/.test(guestPath) ? MOUNTINFO_CAP_BYTES : FILE_CAP_BYTES
}

type ManifestEntry = {kind: Missing['kind']; detail: string}
const KINDS = new Set<string>(['absent', 'denied', 'error', 'malformed'])

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
    const real = this.rootDir === '/' ? '/' : realOrNull(this.rootDir)
    this.realRoot = real === '/' ? null : real
    this.unreadable = this.rootDir === '/' ? {} : this.loadManifest()
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
  read(guestPath: string): ReadOutcome {
    const path = guestKey(guestPath)
    const cached = this.cache.get(path)
    if (cached) return cached
    let mode: number | undefined
    let outcome: ReadOutcome | undefined = this.fromManifest(path)
    if (!outcome) {
      const r = this.readFile(path, capFor(path), false)
      outcome = r.ok ? {ok: true, path, text: r.text} : r
      if (r.ok) mode = r.mode
    }
    this.cache.set(path, outcome)
    if (this.recording) this.recorded.set(path, {type: 'file', outcome, mode})
    return outcome
  }

  private readonly cache = new Map<string, ReadOutcome>()

  /**
   * The first `maxBytes` of a file that may be long (cgroup.procs of a root cgroup lists every process):
   * the caller uses what it got and says that the rest was dropped. Not cached or recorded apart from
   * read(): a capture records it as a file of what was read.
   */
  readHead(guestPath: string, maxBytes: number): HeadOutcome {
    const path = guestKey(guestPath)
    const m = this.fromManifest(path)
    if (m) return m
    const r = this.readFile(path, maxBytes, true)
    if (!r.ok) return r
    if (this.recording) this.recorded.set(path, {type: 'file', outcome: {ok: true, path, text: r.text}, mode: r.mode})
    return {ok: true, path, text: r.text, truncated: r.truncated}
  }

  readLink(guestPath: string): ReadOutcome {
    const path = guestKey(guestPath)
    let outcome: ReadOutcome | undefined = this.fromManifest(path)
    if (!outcome) {
      const host = this.resolve(path, false)
      if (!host.ok) outcome = host
      else {
        try {
          outcome = {ok: true, path, text: readlinkSync(host.host)}
        } catch (error) {
          outcome = classifyErrno(path, error)
        }
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirOutcome {
    const path = guestKey(guestPath)
    let outcome: DirOutcome | undefined = this.fromManifest(path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(path, true)
      if (!host.ok) outcome = host
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
          outcome = {ok: true, path, entries: entries.sort()}
          mode = statSync(host.host).mode & 0o7777
        } catch (error) {
          outcome = classifyErrno(path, error)
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
  probe(guestPath: string, maxBytes = 8192): ReadOutcome {
    const path = guestKey(guestPath)
    let outcome: ReadOutcome | undefined = this.fromManifest(path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(path, true)
      if (!host.ok) outcome = host
      else {
        let fd: number | undefined
        try {
          fd = openSync(
            host.host,
            constants.O_RDONLY | constants.O_NONBLOCK | (this.realRoot ? constants.O_NOFOLLOW : 0),
          )
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
          outcome = {ok: true, path, text: buf.subarray(0, n).toString('utf8')}
        } catch (error) {
          outcome = classifyErrno(path, error)
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
  rootState(): 'directory' | 'absent' | 'not-directory' | string {
    try {
      return statSync(this.rootDir).isDirectory() ? 'directory' : 'not-directory'
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      return code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : code
    }
  }

  /** The host path of a guest path: as is under "/", resolved inside the tree otherwise. */
  private resolve(path: string, followLast: boolean): {ok: true; host: string} | Missing {
    if (!this.realRoot) return {ok: true, host: path}
    return resolveInRoot(this.realRoot, path, followLast, this.dirs)
  }

  private readFile(path: string, cap: number, head: boolean) {
    if (this.budgetLeft <= 0) {
      const detail = `not read: this tree's files passed ${READ_BUDGET_BYTES} bytes in all`
      return {ok: false as const, kind: 'malformed' as const, path, detail}
    }
    const host = this.resolve(path, true)
    if (!host.ok) return host
    const r = readBounded(path, host.host, Math.min(cap, this.budgetLeft), {
      noFollow: this.realRoot !== null,
      head,
      ...(this.realRoot ? {realRoot: this.realRoot} : {}),
    })
    if (r.ok) this.budgetLeft -= r.bytes
    else if (r.kind === 'malformed' && /^larger than/.test(r.detail) && cap > this.budgetLeft)
      return {...r, detail: `not read: this tree's files passed ${READ_BUDGET_BYTES} bytes in all`}
    return r
  }

  private fromManifest(path: string): Missing | undefined {
    const entry = this.unreadable[path]
    return entry ? {ok: false, kind: entry.kind, path, detail: entry.detail} : undefined
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
    if (!r.ok) return {}
    try {
      const parsed = JSON.parse(r.text) as {unreadable?: unknown}
      const out: Record<string, ManifestEntry> = Object.create(null)
      if (parsed && typeof parsed.unreadable === 'object' && parsed.unreadable !== null) {
        for (const [k, v] of Object.entries(parsed.unreadable as Record<string, unknown>)) {
          const e = v as Partial<ManifestEntry> | null
          if (e && typeof e.kind === 'string' && KINDS.has(e.kind)) {
            out[guestKey(k)] = {kind: e.kind as Missing['kind'], detail: String(e.detail ?? e.kind).slice(0, 500)}
          }
        }
      }
      return out
    } catch {
      // A broken manifest must not crash a replay; the files themselves are still read.
      return {}
    }
  }
}

function realOrNull(dir: string): string | null {
  try {
    return realpathSync(dir)
  } catch {
    return dir
  }
}
