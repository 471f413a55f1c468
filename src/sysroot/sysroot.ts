// The sysroot: the only module that touches node:fs for guest files.
//
// Every /proc and /sys path, and every mount point found in mountinfo, is a *guest path* ("/proc/meminfo",
// "/sys/fs/cgroup/cpu/cpu.shares") resolved under one root directory: "/" on a live system, a fixture or
// a `guestview capture` tree otherwise. Reads never throw: they return the text or a typed absence
// (see outcome.ts). A sysroot can record what it read, which is how `capture` knows what to copy.
//
// A captured tree may hold a manifest (CAPTURE_MANIFEST) listing guest paths that were unreadable when
// captured (permission denied, EOPNOTSUPP...): those replay as the same absence, so a capture replays
// exactly, and fixtures can express "denied" files, which git cannot.
import {closeSync, constants, openSync, readFileSync, readSync, readdirSync, readlinkSync, statSync} from 'node:fs'
import {posix} from 'node:path'
import {classifyErrno, type Missing, type ReadOutcome} from './outcome.js'

export const CAPTURE_MANIFEST = 'guestview-capture.json'

/** Errors of a probe's read that still mean "this opened for reading" (see probe()). */
const PROBE_READABLE = new Set(['EAGAIN', 'EINVAL', 'EPIPE'])

export type DirOutcome = {ok: true; path: string; entries: string[]} | Missing
/** What was read, and the source's permission bits (capture keeps modes no wider than these). */
export type Recorded =
  | {type: 'file'; outcome: ReadOutcome; mode?: number}
  | {type: 'link'; outcome: ReadOutcome; mode?: number}
  | {type: 'dir'; outcome: DirOutcome; mode?: number}
  | {type: 'probe'; outcome: ReadOutcome; mode?: number}

/** A guest path as a normalised absolute path: "proc/x", "/proc/./x" and "/../proc/x" are all "/proc/x". */
export const guestKey = (guestPath: string): string => posix.normalize('/' + guestPath)

type ManifestEntry = {kind: Missing['kind']; detail: string}

export class Sysroot {
  readonly rootDir: string
  readonly recorded = new Map<string, Recorded>()
  private readonly unreadable: Record<string, ManifestEntry>

  constructor(rootDir: string, options: {record?: boolean} = {}) {
    this.rootDir = posix.resolve(rootDir)
    this.recording = options.record ?? false
    this.unreadable = this.rootDir === '/' ? {} : loadManifest(this.rootDir)
  }

  private readonly recording: boolean

  /** Host path of a guest path. normalize() keeps "/.." from escaping the root. */
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
    const outcome = this.fromManifest(path) ?? this.readHost(path)
    this.cache.set(path, outcome)
    if (this.recording) this.recorded.set(path, {type: 'file', outcome, mode: this.modeOf(path, outcome.ok)})
    return outcome
  }

  private readonly cache = new Map<string, ReadOutcome>()

  readLink(guestPath: string): ReadOutcome {
    const path = guestKey(guestPath)
    let outcome: ReadOutcome
    const m = this.fromManifest(path)
    if (m) outcome = m
    else {
      try {
        outcome = {ok: true, path, text: readlinkSync(this.hostPath(path))}
      } catch (error) {
        outcome = classifyErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirOutcome {
    const path = guestKey(guestPath)
    let outcome: DirOutcome
    const m = this.fromManifest(path)
    if (m) outcome = m
    else {
      try {
        outcome = {ok: true, path, entries: readdirSync(this.hostPath(path)).sort()}
      } catch (error) {
        outcome = classifyErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'dir', outcome, mode: this.modeOf(path, outcome.ok)})
    return outcome
  }

  /**
   * Open a character device or a file that may block (/dev/kmsg) without blocking: O_NONBLOCK, one read of
   * at most maxBytes, close. Used to ask "may I read this?" (dmesg) rather than to read it all.
   */
  probe(guestPath: string, maxBytes = 8192): ReadOutcome {
    const path = guestKey(guestPath)
    let outcome: ReadOutcome | undefined = this.fromManifest(path)
    if (!outcome) {
      let fd: number | undefined
      try {
        fd = openSync(this.hostPath(path), constants.O_RDONLY | constants.O_NONBLOCK)
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
    if (this.recording) this.recorded.set(path, {type: 'probe', outcome, mode: this.modeOf(path, outcome.ok)})
    return outcome
  }

  /** Permission bits of what was read, for capture (undefined when it was not read). */
  private modeOf(path: string, ok: boolean): number | undefined {
    if (!ok) return undefined
    try {
      return statSync(this.hostPath(path)).mode & 0o7777
    } catch {
      return undefined
    }
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

  private readHost(path: string): ReadOutcome {
    try {
      return {ok: true, path, text: readFileSync(this.hostPath(path), 'utf8')}
    } catch (error) {
      return classifyErrno(path, error)
    }
  }

  private fromManifest(path: string): Missing | undefined {
    const entry = this.unreadable[path]
    return entry ? {ok: false, kind: entry.kind, path, detail: entry.detail} : undefined
  }
}

function loadManifest(rootDir: string): Record<string, ManifestEntry> {
  let text: string
  try {
    text = readFileSync(posix.join(rootDir, CAPTURE_MANIFEST), 'utf8')
  } catch {
    return {}
  }
  try {
    const parsed = JSON.parse(text) as {unreadable?: unknown}
    const out: Record<string, ManifestEntry> = {}
    if (parsed && typeof parsed.unreadable === 'object' && parsed.unreadable !== null) {
      for (const [k, v] of Object.entries(parsed.unreadable as Record<string, unknown>)) {
        const e = v as Partial<ManifestEntry>
        if (e && (e.kind === 'absent' || e.kind === 'denied' || e.kind === 'error')) {
          out[posix.normalize(k)] = {kind: e.kind, detail: String(e.detail ?? e.kind)}
        }
      }
    }
    return out
  } catch {
    // A broken manifest must not crash a replay; the files themselves are still read.
    return {}
  }
}
