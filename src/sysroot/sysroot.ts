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
import {route} from './route.js'
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

/** What every view of one tree shares: one snapshot (each file read once), one recording, one manifest. */
type TreeState = {
  readonly rootDir: string
  readonly recording: boolean
  readonly recorded: Map<string, Recorded>
  readonly cache: Map<string, FileRead>
  readonly unreadable: Record<string, ManifestEntry>
}

export class Sysroot {
  readonly rootDir: string
  /** Whose view this is: null for this process, a PID for `--pid` (see route.ts). */
  readonly pid: number | null
  /** What was read, keyed by the path in the tree (a target's files under /proc/PID/...). */
  readonly recorded: Map<string, Recorded>
  private readonly unreadable: Record<string, ManifestEntry>
  private readonly recording: boolean
  private readonly cache: Map<string, FileRead>

  constructor(rootDir: string, options: {record?: boolean; pid?: number | null} = {}, shared?: TreeState) {
    const root = posix.resolve(rootDir)
    const state: TreeState = shared ?? {
      rootDir: root,
      recording: options.record ?? false,
      recorded: new Map(),
      cache: new Map(),
      unreadable: root === '/' ? {} : loadManifest(root),
    }
    this.state = state
    this.rootDir = state.rootDir
    this.pid = options.pid ?? null
    this.recording = state.recording
    this.recorded = state.recorded
    this.cache = state.cache
    this.unreadable = state.unreadable
  }

  private readonly state: TreeState

  /** The same tree and snapshot seen as this process (for what is ours: our cgroup, our PID numbers). */
  base(): Sysroot {
    return this.pid === null ? this : new Sysroot(this.rootDir, {}, this.state)
  }

  /** The same tree and snapshot seen as process `pid`. */
  forPid(pid: number | null): Sysroot {
    return pid === this.pid ? this : new Sysroot(this.rootDir, {pid}, this.state)
  }

  /** Host path of a guest path in this view. normalize() keeps "/.." from escaping the root. */
  hostPath(guestPath: string): string {
    return this.treeToHost(route(posix.normalize('/' + guestPath), this.pid).treePath)
  }

  private treeToHost(treePath: string): string {
    return this.rootDir === '/' ? treePath : posix.join(this.rootDir, treePath)
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
    const key = route(path, this.pid).treePath
    const cached = this.cache.get(key)
    if (cached) return cached.kind === 'value' ? value(cached.value, path) : {...cached, path}
    const outcome = this.fromManifest(key, path) ?? this.readHost(key, path)
    this.cache.set(key, outcome)
    if (this.recording) this.recorded.set(key, {type: 'file', outcome})
    return outcome
  }

  readLink(guestPath: string): FileRead {
    const path = posix.normalize(guestPath)
    const key = route(path, this.pid).treePath
    let outcome: FileRead
    const m = this.fromManifest(key, path)
    if (m) outcome = m
    else {
      try {
        outcome = value(readlinkSync(this.treeToHost(key)), path)
      } catch (error) {
        outcome = fromErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(key, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirRead {
    const path = posix.normalize(guestPath)
    const key = route(path, this.pid).treePath
    let outcome: DirRead
    const m = this.fromManifest(key, path)
    if (m) outcome = m
    else {
      try {
        outcome = value(readdirSync(this.treeToHost(key)).sort(), path)
      } catch (error) {
        outcome = fromErrno(path, error)
      }
    }
    if (this.recording) this.recorded.set(key, {type: 'dir', outcome})
    return outcome
  }

  /**
   * Open a character device or a file that may block (/dev/kmsg) without blocking: O_NONBLOCK, one read of
   * at most maxBytes, close. Used to ask "may I read this?" (dmesg) rather than to read it all.
   */
  probe(guestPath: string, maxBytes = 8192): FileRead {
    const path = posix.normalize(guestPath)
    const key = route(path, this.pid).treePath
    let outcome: FileRead | undefined = this.fromManifest(key, path)
    if (!outcome) {
      let fd: number | undefined
      try {
        fd = openSync(this.treeToHost(key), constants.O_RDONLY | constants.O_NONBLOCK)
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
    if (this.recording) this.recorded.set(key, {type: 'probe', outcome})
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

  private readHost(key: string, path: string): FileRead {
    try {
      return value(readFileSync(this.treeToHost(key), 'utf8'), path)
    } catch (error) {
      return fromErrno(path, error)
    }
  }

  /** A manifest entry is keyed by its path in the tree; the outcome names the guest path, as a live read does. */
  private fromManifest(key: string, path: string): Unread | undefined {
    const entry = this.unreadable[key]
    return entry ? {kind: entry.kind, path, reason: entry.reason} : undefined
  }
}

/** The PID a `capture --pid` tree was made for (its manifest's target.pid), or null. */
export function readCaptureTarget(rootDir: string): number | null {
  try {
    const m = JSON.parse(readFileSync(posix.join(rootDir, CAPTURE_MANIFEST), 'utf8')) as {target?: {pid?: unknown}}
    const pid = m?.target?.pid
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
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
