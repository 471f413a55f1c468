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
//
// A sysroot is also a view: of this process, or of a target process (`--pid PID`, route.ts). Every view of
// one tree shares one snapshot (each file read once, one recording, one manifest, one read budget); the
// target's files are kept and recorded by their path in the tree (/proc/PID/..., /proc/PID/root/...), so a
// capture of a target replays it. Below /proc/PID/root, paths resolve inside that root, as they would for
// the target: an absolute link there starts again at /proc/PID/root, and ".." cannot climb out of it.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  opendirSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs'
import {posix} from 'node:path'
import {parseMountinfo, visibleMounts, type Mount} from '../parse/mountinfo.js'
import {isDigits} from '../parse/scan.js'
import {isNormalAbsolute} from '../parse/path-segments.js'
import {isLinkAppeared, readBounded, readKernelFile, type Bounded} from './bounded.js'
import {kernelFileAt, takeOwnMountinfo} from './mount-table.js'
import {isKernelGlobal, servedByKernel} from './kernel-global.js'
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
import {resolveInRoot, type Resolved} from './resolve.js'
import {route, type Routed} from './route.js'

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
/**
 * probe()'s read buffer, kept and grown as asked: a fresh zero-filled 8 KiB for each /dev/kmsg probe was
 * 3-4% of serve's collection (bench/serve.ts). The text is decoded out of it before probe() returns.
 */
let probeBuffer = Buffer.allocUnsafe(0)

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
export const guestKey = (guestPath: string): string =>
  // Most paths asked for are normal already (a pod's listing asks for thousands): no need to rebuild them.
  // A NUL is kept: the read that follows answers malformed (fs refuses the path: ERR_INVALID_ARG_VALUE).
  isNormalAbsolute(guestPath) ? guestPath : posix.normalize('/' + guestPath)

/** The cap for one guest path: mountinfo may be large, everything else is small. */
export function capFor(guestPath: string): number {
  return isOwnMountinfo(guestPath) ? MOUNTINFO_CAP_BYTES : FILE_CAP_BYTES
}

/** `/^\/proc\/(self|\d+|thread-self)\/mountinfo$/.test(p)` */
function isOwnMountinfo(p: string): boolean {
  if (!p.endsWith('/mountinfo') || !p.startsWith('/proc/')) return false
  const who = p.slice(6, -10)
  return who === 'self' || who === 'thread-self' || isDigits(who)
}

type ManifestEntry = {kind: UnknownKind; reason: string}

/** What every view of one tree shares: one snapshot, one recording, one manifest, one read budget. */
type TreeState = {
  readonly rootDir: string
  /** realpath of the root: where every file opened in a tree must really be; null under --root /. */
  readonly realRoot: string | null
  readonly recording: boolean
  /** Keyed by the path in the tree (a target's files under /proc/PID/...). */
  readonly recorded: Map<string, Recorded>
  readonly cache: Map<string, FileRead>
  /** null where there is no manifest or it lists nothing (a live root): no lookup per read. */
  readonly unreadable: Record<string, ManifestEntry> | null
  /** The PID a `capture --pid` tree was made for (its manifest's target.pid). */
  readonly capturedPid: number | null
  /** Resolved directories of this snapshot (resolve.ts), per root they were resolved in. */
  readonly dirs: Map<string, Map<string, string[]>>
  /** Each view's visible mounts (null: its mountinfo could not be read), for kernelGlobalKey. */
  readonly viewMounts: Map<number | null, readonly Mount[] | null>
  budgetLeft: number
}

export class Sysroot {
  readonly rootDir: string
  /** Whose view this is: null for this process, a PID for `--pid` (see route.ts). */
  readonly pid: number | null
  readonly recorded: Map<string, Recorded>
  private readonly state: TreeState

  constructor(rootDir: string, options: {record?: boolean; pid?: number | null} = {}, shared?: TreeState) {
    this.state = shared ?? newState(posix.resolve(rootDir), options.record ?? false)
    this.rootDir = this.state.rootDir
    this.pid = options.pid ?? null
    this.recorded = this.state.recorded
  }

  /** The same tree and snapshot seen as this process (for what is ours: our cgroup, our PID numbers). */
  base(): Sysroot {
    return this.pid === null ? this : new Sysroot(this.rootDir, {}, this.state)
  }

  /** The same tree and snapshot seen as process `pid`. */
  forPid(pid: number | null): Sysroot {
    return pid === this.pid ? this : new Sysroot(this.rootDir, {pid}, this.state)
  }

  /** The PID a `capture --pid` tree was made for, or null (a live root, or a capture of guestview itself). */
  capturedTarget(): number | null {
    return this.state.capturedPid
  }

  /** Host path of a guest path in this view, lexically (normalize() keeps "/.." from escaping); reads resolve links too. */
  hostPath(guestPath: string): string {
    const key = route(guestKey(guestPath), this.pid).treePath
    return this.rootDir === '/' ? key : posix.join(this.rootDir, key)
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
    const at = route(path, this.pid)
    // One tree path may be asked for by two views (/proc/self/cgroup as the target, /proc/PID/cgroup as us);
    // a file the kernel serves alike to every view is one entry for all of them (kernel-global.ts).
    const key = this.kernelGlobalKey(path) ?? at.treePath
    const cached = this.state.cache.get(key)
    if (cached) return cached.path === path ? cached : {...cached, path}
    let mode: number | undefined
    let outcome: FileRead | undefined = this.fromManifest(at.treePath, path)
    if (!outcome) {
      const r = this.readFile(at, path, capFor(path), false)
      outcome = r.kind === 'value' ? value(r.text, path) : r
      if (r.kind === 'value') mode = r.mode
    }
    this.state.cache.set(key, outcome)
    if (this.state.recording) this.recorded.set(at.treePath, {type: 'file', outcome, mode})
    return outcome
  }

  /**
   * The cache key shared by every view for a file the kernel serves alike to all of them, or null. Live and
   * not recording only: a tree holds each view's copy (a capture replays it as it was read), and a capture
   * records every view's own file.
   */
  private kernelGlobalKey(path: string): string | null {
    if (this.state.realRoot !== null || this.rootDir !== '/' || this.state.recording || !isKernelGlobal(path))
      return null
    let mounts = this.state.viewMounts.get(this.pid)
    if (mounts === undefined) {
      const mi = this.read('/proc/self/mountinfo')
      // parseMountinfo keeps the tables it parsed by their text: no second parse of the same table.
      const parsed = mi.kind === 'value' ? parseMountinfo(mi.value) : null
      mounts = parsed?.ok ? visibleMounts(parsed.value) : null
      this.state.viewMounts.set(this.pid, mounts)
    }
    return mounts && servedByKernel(mounts, path) ? `kernel-global:${path}` : null
  }

  /**
   * The first `maxBytes` of a file that may be long (cgroup.procs of a root cgroup lists every process):
   * the caller uses what it got and says that the rest was dropped. A capture records what was read.
   */
  readHead(guestPath: string, maxBytes: number): HeadRead {
    const path = guestKey(guestPath)
    const at = route(path, this.pid)
    const m = this.fromManifest(at.treePath, path)
    if (m) return m
    const r = this.readFile(at, path, maxBytes, true)
    if (r.kind !== 'value') return r
    if (this.state.recording) this.recorded.set(at.treePath, {type: 'file', outcome: value(r.text, path), mode: r.mode})
    return value({text: r.text, truncated: r.truncated}, path)
  }

  readLink(guestPath: string): FileRead {
    const path = guestKey(guestPath)
    const at = route(path, this.pid)
    let outcome: FileRead | undefined = this.fromManifest(at.treePath, path)
    if (!outcome) {
      const host = this.resolve(at, path, false)
      if (host.kind !== 'value') outcome = host
      else {
        try {
          outcome = value(readlinkSync(host.host), path)
        } catch (error) {
          outcome = fromErrno(path, error)
        }
      }
    }
    if (this.state.recording) this.recorded.set(at.treePath, {type: 'link', outcome})
    return outcome
  }

  list(guestPath: string): DirRead {
    const path = guestKey(guestPath)
    const at = route(path, this.pid)
    let outcome: DirRead | undefined = this.fromManifest(at.treePath, path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(at, path, true)
      if (host.kind !== 'value') outcome = host
      else {
        try {
          // The live machine's /proc, and a directory of the kernel's own filesystems (a cgroup's, whose entries
          // are its files and child cgroups), in one call; any other directory (a tree's, a target's root) may
          // hold anything.
          const entries =
            (at.treePath === '/proc' && !this.resolvesLinks(at)) || this.servedLive(at)
              ? readdirSync(host.host).slice(0, LIST_CAP)
              : listCapped(host.host)
          outcome = value(entries.sort(), path)
          if (this.state.recording) mode = statSync(host.host).mode & 0o7777
        } catch (error) {
          outcome = fromErrno(path, error)
        }
      }
    }
    if (this.state.recording) this.recorded.set(at.treePath, {type: 'dir', outcome, mode})
    return outcome
  }

  /**
   * Open a character device or a file that may block (/dev/kmsg) without blocking: O_NONBLOCK, one read of
   * at most maxBytes, close. Used to ask "may I read this?" (dmesg) rather than to read it all.
   */
  probe(guestPath: string, maxBytes = 8192): FileRead {
    const path = guestKey(guestPath)
    const at = route(path, this.pid)
    let outcome: FileRead | undefined = this.fromManifest(at.treePath, path)
    let mode: number | undefined
    if (!outcome) {
      const host = this.resolve(at, path, true)
      if (host.kind !== 'value') outcome = host
      else {
        let fd: number | undefined
        try {
          const noFollow = this.resolvesLinks(at) ? constants.O_NOFOLLOW : 0
          fd = openSync(host.host, constants.O_RDONLY | constants.O_NONBLOCK | noFollow)
          mode = fstatSync(fd).mode & 0o7777
          if (probeBuffer.length < maxBytes) probeBuffer = Buffer.allocUnsafe(maxBytes)
          const buf = probeBuffer
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
    if (this.state.recording) this.recorded.set(at.treePath, {type: 'probe', outcome, mode})
    return outcome
  }

  /** Whether the root directory exists at all (for the --root check). */
  rootExists(): boolean {
    return this.rootState() === 'directory'
  }

  /** What the root is: a directory, absent, something else, or an errno code (EACCES...). */
  rootState(): 'directory' | 'absent' | 'not-directory' | (string & {}) {
    // "/" is this process's own root directory, where every path lookup starts (path_resolution(7)): it is a
    // directory by definition, and asking spares a live run its only stat (and Node's Stats object).
    if (this.rootDir === '/') return 'directory'
    try {
      return statSync(this.rootDir).isDirectory() ? 'directory' : 'not-directory'
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      return code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : code
    }
  }

  /** Whether links on the way are resolved here (a tree, or the target's root) rather than by the kernel. */
  private resolvesLinks(at: Routed): boolean {
    return this.state.realRoot !== null || at.nestedRoot !== null
  }

  /**
   * The host path of a routed path. Under "/" the kernel resolves our own paths (the root is the machine);
   * in a tree every component is resolved inside it. A path in the target's root is resolved inside that
   * root (/proc/PID/root is where the target's "/" is: its own mount namespace, live or captured), so a
   * link the target's files hold cannot lead to our files.
   */
  private resolve(at: Routed, path: string, followLast: boolean, lastUnchecked = false): Resolved {
    const {realRoot} = this.state
    if (at.nestedRoot === null) {
      if (!realRoot) return {kind: 'value', host: at.treePath}
      return resolveInRoot(realRoot, at.treePath, followLast, this.dirsIn(realRoot), lastUnchecked)
    }
    let nested = at.nestedRoot // live: the kernel's magic link into the target's mount namespace
    if (realRoot) {
      const r = resolveInRoot(realRoot, at.nestedRoot, true, this.dirsIn(realRoot))
      if (r.kind !== 'value') return {...r, path}
      nested = r.host
    }
    // route() puts every such path at nestedRoot + the guest path itself.
    return resolveInRoot(nested, path, followLast, this.dirsIn(nested), lastUnchecked)
  }

  private dirsIn(root: string): Map<string, string[]> {
    let m = this.state.dirs.get(root)
    if (!m) this.state.dirs.set(root, (m = new Map<string, string[]>()))
    return m
  }

  private readFile(at: Routed, path: string, cap: number, head: boolean) {
    const overBudget = () => malformed(path, `not read: this tree's files passed ${READ_BUDGET_BYTES} bytes in all`)
    const state = this.state
    if (state.budgetLeft <= 0) return overBudget()
    let r: Bounded
    if (!head && this.servedLive(at)) r = this.readServed(at, path, Math.min(cap, state.budgetLeft))
    else {
      const noFollow = this.resolvesLinks(at)
      const options = {noFollow, head, ...(state.realRoot ? {realRoot: state.realRoot} : {})}
      // Where links are resolved here, the last component is first opened as it is (O_NOFOLLOW): only a link
      // there (ELOOP) costs the full resolution.
      let host = this.resolve(at, path, true, noFollow)
      if (host.kind !== 'value') return host
      r = readBounded(path, host.host, Math.min(cap, state.budgetLeft), options)
      if (noFollow && isLinkAppeared(r)) {
        host = this.resolve(at, path, true)
        if (host.kind !== 'value') return host
        r = readBounded(path, host.host, Math.min(cap, state.budgetLeft), options)
      }
    }
    if (r.kind === 'value') state.budgetLeft -= r.bytes
    else if (r.kind === 'malformed' && /: larger than/.test(r.reason) && cap > state.budgetLeft) return overBudget()
    return r
  }

  /**
   * A file the live machine's kernel serves (procfs, sysfs, cgroupfs: mount-table.ts kernelFileAt), read in
   * this process's own view with no capture (which alone needs the mode): one call, readKernelFile, instead
   * of readBounded's open, fstat, reads and close. Not below /proc/PID/root (a target's root holds anything).
   */
  private servedLive(at: Routed): boolean {
    return (
      this.state.realRoot === null &&
      this.rootDir === '/' &&
      !this.state.recording &&
      at.nestedRoot === null &&
      kernelFileAt(at.treePath)
    )
  }

  private readServed(at: Routed, path: string, cap: number): Bounded {
    // Our own mount table: mount-table.ts read it to make its table, so the first report takes that text.
    if (at.treePath === '/proc/self/mountinfo') {
      const t = takeOwnMountinfo()
      if ('error' in t) return fromErrno(path, t.error)
      const bytes = Buffer.byteLength(t.value)
      if (bytes > cap) return malformed(path, `larger than ${cap} bytes; not read`)
      return {kind: 'value', text: t.value, truncated: false, bytes}
    }
    return readKernelFile(path, at.treePath, cap)
  }

  /** A manifest entry is keyed by its path in the tree; the outcome names the guest path, as a live read does. */
  private fromManifest(treePath: string, path: string): Unread | undefined {
    // A keyed load by a path string, on an object no read has seen before, goes to V8's runtime: skipped
    // where nothing is listed, as on every live root. owns --json, callgrind, run phase (Node 24, no GC):
    // 10.57 to 10.45 M.
    const entry = this.state.unreadable?.[treePath]
    return entry ? {kind: entry.kind, path, reason: entry.reason} : undefined
  }
}

/**
 * At most LIST_CAP entries of a directory, read one by one, so that a huge one (in a tree, or in another
 * container's root) costs no more than that. The live /proc is listed in one call (readdirSync) instead:
 * Dir's entry-by-entry reads and close were about a sixth of `guestview pod`'s listing in a profile.
 */
function listCapped(dir: string): string[] {
  const d = opendirSync(dir)
  const entries: string[] = []
  try {
    for (let e = d.readSync(); e !== null && entries.length < LIST_CAP; e = d.readSync()) entries.push(e.name)
  } finally {
    d.closeSync()
  }
  return entries
}

function newState(rootDir: string, recording: boolean): TreeState {
  // A root that is "/" once resolved (a link to it) is the machine: the kernel resolves links there.
  const real = rootDir === '/' ? '/' : realOrSame(rootDir)
  const realRoot = real === '/' ? null : real
  const manifest = realRoot ? loadManifest(realRoot) : {unreadable: null, capturedPid: null}
  return {
    rootDir,
    realRoot,
    recording,
    recorded: new Map(),
    cache: new Map(),
    unreadable: manifest.unreadable,
    capturedPid: manifest.capturedPid,
    dirs: new Map(),
    viewMounts: new Map(),
    budgetLeft: READ_BUDGET_BYTES,
  }
}

function loadManifest(root: string): {unreadable: Record<string, ManifestEntry> | null; capturedPid: number | null} {
  const none = {unreadable: null, capturedPid: null}
  // The manifest is part of the tree: read it like any file (no links out, no FIFO, bounded).
  try {
    if (!lstatSync(`${root}/${CAPTURE_MANIFEST}`).isFile()) return none
  } catch {
    return none
  }
  const r = readBounded(`/${CAPTURE_MANIFEST}`, `${root}/${CAPTURE_MANIFEST}`, FILE_CAP_BYTES, {noFollow: true})
  if (r.kind !== 'value') return none
  try {
    const parsed = JSON.parse(r.text) as {unreadable?: unknown; target?: {pid?: unknown}}
    const out = Object.create(null) as Record<string, ManifestEntry>
    if (parsed && typeof parsed.unreadable === 'object' && parsed.unreadable !== null) {
      for (const [k, v] of Object.entries(parsed.unreadable as Record<string, unknown>)) {
        const entry = manifestEntry(guestKey(k), v)
        if (entry) out[guestKey(k)] = entry
      }
    }
    const pid = parsed?.target?.pid
    const capturedPid = typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid <= 4194304 ? pid : null
    return {unreadable: Object.keys(out).length > 0 ? out : null, capturedPid}
  } catch {
    // A broken manifest must not crash a replay; the files themselves are still read.
    return none
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
