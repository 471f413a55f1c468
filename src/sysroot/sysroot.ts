// The sysroot: the only module that touches node:fs for guest files.
//
// Every /proc and /sys path, and every mount point found in mountinfo, is a *guest path* ("/proc/meminfo",
// "/sys/fs/cgroup/cpu/cpu.shares") resolved under one root directory: "/" on a live system, a fixture or
// a `guestview capture` tree otherwise. Reads never throw: they return the text or a typed absence
// (a FileRead, see outcome.ts). A sysroot can record what it read, which is how `capture` knows what to copy.
//
// A captured tree may hold a manifest (CAPTURE_MANIFEST) listing guest paths that were unreadable when
// captured (permission denied, EOPNOTSUPP...): those replay as the same absence, so a capture replays
// exactly, and fixtures can express "denied" files, which git cannot.
import {closeSync, constants, openSync, readFileSync, readSync, readdirSync, readlinkSync, statSync} from 'node:fs'
import {posix} from 'node:path'
import {
  absent,
  fromCode,
  fromErrno,
  value,
  type FileRead,
  type Unread,
  type UnknownKind,
  type Value,
} from './outcome.js'

export const CAPTURE_MANIFEST = 'guestview-capture.json'

export type DirRead = Value<string[]> | Unread
export type Recorded =
  | {type: 'file'; outcome: FileRead}
  | {type: 'link'; outcome: FileRead}
  | {type: 'dir'; outcome: DirRead}
  | {type: 'probe'; outcome: FileRead}

type ManifestEntry = {kind: UnknownKind; reason: string}

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
    const clean = posix.normalize('/' + guestPath)
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
    const path = posix.normalize(guestPath)
    const cached = this.cache.get(path)
    if (cached) return cached
    const outcome = this.fromManifest(path) ?? this.readHost(path)
    this.cache.set(path, outcome)
    if (this.recording) this.recorded.set(path, {type: 'file', outcome})
    return outcome
  }

  private readonly cache = new Map<string, FileRead>()

  readLink(guestPath: string): FileRead {
    const path = posix.normalize(guestPath)
    let outcome: FileRead
    const m = this.fromManifest(path)
    if (m) outcome = m
    else {
      try {
        outcome = value(readlinkSync(this.hostPath(path)), path)
      } catch (error) {
        outcome = fromErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirRead {
    const path = posix.normalize(guestPath)
    let outcome: DirRead
    const m = this.fromManifest(path)
    if (m) outcome = m
    else {
      try {
        outcome = value(readdirSync(this.hostPath(path)).sort(), path)
      } catch (error) {
        outcome = fromErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'dir', outcome})
    return outcome
  }

  /**
   * Open a character device or a file that may block (/dev/kmsg) without blocking: O_NONBLOCK, one read of
   * at most maxBytes, close. Used to ask "may I read this?" (dmesg) rather than to read it all.
   */
  probe(guestPath: string, maxBytes = 8192): FileRead {
    const path = posix.normalize(guestPath)
    let outcome: FileRead | undefined = this.fromManifest(path)
    if (!outcome) {
      let fd: number | undefined
      try {
        fd = openSync(this.hostPath(path), constants.O_RDONLY | constants.O_NONBLOCK)
        const buf = Buffer.alloc(maxBytes)
        let n = 0
        try {
          n = readSync(fd, buf, 0, maxBytes, null)
        } catch (error) {
          // EAGAIN: opened fine, nothing to read right now. Still "may read".
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
        }
        outcome = value(buf.subarray(0, n).toString('utf8'), path)
      } catch (error) {
        outcome = fromErrno(path, error)
      } finally {
        if (fd !== undefined) closeSync(fd)
      }
    }
    if (this.recording) this.recorded.set(path, {type: 'probe', outcome})
    return outcome
  }

  /** Whether the root directory exists at all (for the --root check). */
  rootExists(): boolean {
    try {
      return statSync(this.rootDir).isDirectory()
    } catch {
      return false
    }
  }

  private readHost(path: string): FileRead {
    try {
      return value(readFileSync(this.hostPath(path), 'utf8'), path)
    } catch (error) {
      return fromErrno(path, error)
    }
  }

  private fromManifest(path: string): Unread | undefined {
    const entry = this.unreadable[path]
    return entry ? {kind: entry.kind, path, reason: entry.reason} : undefined
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
        const entry = manifestEntry(posix.normalize(k), v)
        if (entry) out[posix.normalize(k)] = entry
      }
    }
    return out
  } catch {
    // A broken manifest must not crash a replay; the files themselves are still read.
    return {}
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
    return {kind: e.kind as UnknownKind, reason: e.reason}
  if (typeof e.detail !== 'string' || !['absent', 'denied', 'error', ...KINDS].includes(e.kind as string))
    return undefined
  const code = /\((E[A-Z]+)\)/.exec(e.detail)?.[1]
  const u = e.kind === 'absent' ? absent(path) : code ? fromCode(path, code) : null
  if (u) return {kind: u.kind, reason: u.reason}
  return {kind: e.kind === 'error' ? 'malformed' : (e.kind as UnknownKind), reason: `${path}: ${e.detail}`}
}
