// Writes what a recording sysroot read into a new sysroot tree, so that `--root DIR` replays it exactly:
// files as files, links as links (/proc/self/ns/cgroup), directories as directories, and every file that
// could not be read (denied, EOPNOTSUPP...) in the manifest, which the Sysroot honours on replay.
// Absent files are left absent: absence replays by itself.
//
// The tree that was read is untrusted (a support ticket's capture, replayed as root), so every write is
// confined to DIR (issue 13):
//   - a guest path is written only if it is absolute and already normalised (no "." or ".." segment, no
//     empty segment): the host path is DIR + that path, and is checked to lie under DIR;
//   - directories are made one component at a time, and an existing component must be a real directory
//     (lstat, so a link in the way is refused, never followed);
//   - files are created with O_CREAT|O_EXCL|O_NOFOLLOW: an existing file or a link at that path is refused,
//     nothing is overwritten and nothing is written through a link;
//   - links are made last, after every file, so no write can pass through one;
//   - modes are no wider than the source's (a 0640 file stays 0640; execute and set-id bits are dropped).
// A path that cannot be written this way is listed in `refused`, and capture exits 1.
import {
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  symlinkSync,
  writeSync,
} from 'node:fs'
import {posix} from 'node:path'
import {isNormalAbsolute} from '../parse/path-segments.js'
import {CAPTURE_MANIFEST, type Recorded} from './sysroot.js'

/** `target`: the PID a `capture --pid` read, so that `--root DIR` replays that process's report by itself. */
export type CaptureMeta = {
  capturedAt: string
  guestviewVersion: string
  command: string
  note?: string
  target?: {pid: number}
}
export type CaptureSummary = {
  files: number
  links: number
  dirs: number
  unreadable: number
  /** Guest paths not written, each with why (not normalised, a link or file in the way, already exists). */
  refused: string[]
}

export type Usable = {ok: true; created: boolean} | {ok: false; message: string}

/** DIR must be a new or empty directory; with force, a non-empty one is accepted (nothing in it is overwritten). */
export function targetIsUsable(dir: string, force = false): Usable {
  let st
  try {
    st = lstatSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ok: true, created: true}
    return {ok: false, message: `capture: ${dir} is not usable (${(error as NodeJS.ErrnoException).code ?? 'error'})`}
  }
  if (!st.isDirectory()) return {ok: false, message: `capture: ${dir} exists and is not a directory; choose a new one`}
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return {ok: false, message: `capture: ${dir} is not a usable directory (${code})`}
  }
  if (entries.length === 0 || force) return {ok: true, created: false}
  return {
    ok: false,
    message: `capture: ${dir} is not empty; choose a new directory so the capture holds only what was read (or pass --force; nothing in it is overwritten)`,
  }
}

/**
 * A guest path we will write: absolute, normalised (no empty, "." or ".." segment, no trailing "/", not "/"
 * itself: one path names one file under DIR), no NUL. Anything else came from a forged tree. Stricter than
 * a read's checks: here the path is joined to DIR and written, so nothing is left for a later fold to mend.
 */
export function isWritableGuestPath(p: string): boolean {
  return isNormalAbsolute(p) && !p.includes('\0')
}

/** Files get the source's permission bits, at most rw-r--r--; unknown: owner only. */
export const fileMode = (sourceMode: number | undefined): number =>
  sourceMode === undefined ? 0o600 : sourceMode & 0o644

/** Directories keep at most r-xr-xr-x of the source's for others, and rwx for us (we must write and remove them). */
export const dirMode = (sourceMode: number | undefined): number =>
  sourceMode === undefined ? 0o700 : (sourceMode & 0o755) | 0o700

class Confined {
  constructor(private readonly base: string) {}
  readonly refused: string[] = []

  host(guest: string): string | null {
    if (!isWritableGuestPath(guest)) {
      this.refused.push(`${JSON.stringify(guest)}: not a normalised absolute path`)
      return null
    }
    const p = posix.join(this.base, guest)
    if (!p.startsWith(this.base + '/')) {
      this.refused.push(`${guest}: outside the capture directory`)
      return null
    }
    return p
  }

  /** Make every directory from base down to `dir` (a host path under base), never through a link. */
  mkdirs(dir: string, guest: string): boolean {
    let cur = this.base
    for (const seg of dir
      .slice(this.base.length + 1)
      .split('/')
      .filter(Boolean)) {
      cur = `${cur}/${seg}`
      try {
        mkdirSync(cur, 0o700)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return this.refuse(guest, error)
        const st = lstatSync(cur)
        if (!st.isDirectory()) {
          this.refused.push(`${guest}: ${cur.slice(this.base.length)} is ${st.isSymbolicLink() ? 'a link' : 'a file'}`)
          return false
        }
      }
    }
    return true
  }

  writeFile(guest: string, text: string, mode: number): boolean {
    const p = this.host(guest)
    if (!p || !this.mkdirs(posix.dirname(p), guest)) return false
    let fd: number
    try {
      fd = openSync(p, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode)
    } catch (error) {
      return this.refuse(guest, error)
    }
    try {
      const buf = Buffer.from(text, 'utf8')
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off)
    } finally {
      closeSync(fd)
    }
    return true
  }

  link(guest: string, target: string): boolean {
    const p = this.host(guest)
    if (!p || !this.mkdirs(posix.dirname(p), guest)) return false
    try {
      symlinkSync(target, p)
      return true
    } catch (error) {
      return this.refuse(guest, error)
    }
  }

  dir(guest: string): string | null {
    const p = this.host(guest)
    return p && this.mkdirs(p, guest) ? p : null
  }

  private refuse(guest: string, error: unknown): false {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    const why = code === 'EEXIST' ? 'already exists' : code === 'ELOOP' ? 'a link is in the way' : code
    this.refused.push(`${guest}: ${why}`)
    return false
  }
}

/** `dir` must exist (captureTo makes it) and be the real path of the directory: everything is written under it. */
export function writeCapture(dir: string, recorded: Map<string, Recorded>, meta: CaptureMeta): CaptureSummary {
  const out = new Confined(dir)
  const summary: CaptureSummary = {files: 0, links: 0, dirs: 0, unreadable: 0, refused: out.refused}
  const unreadable: Record<string, {kind: string; reason: string}> = {}
  const dirModes: [string, number][] = []
  // Directories first, so a file written later never collides with a directory made for another path.
  for (const [path, rec] of recorded) {
    if (rec.type !== 'dir' || rec.outcome.kind !== 'value') continue
    const p = out.dir(path)
    if (p) {
      dirModes.push([p, dirMode(rec.mode)])
      summary.dirs++
    }
  }
  for (const [path, rec] of recorded) {
    const got = rec.outcome
    if (got.kind !== 'value') {
      if (got.kind !== 'absent') {
        unreadable[path] = {kind: got.kind, reason: got.reason}
        summary.unreadable++
      }
      continue
    }
    if (rec.type !== 'file' && rec.type !== 'probe') continue
    // Probed devices (/dev/kmsg) become empty plain files: "it could be opened" replays, and no kernel log
    // text (other tenants' messages) leaves the machine in a support ticket.
    const text = rec.type === 'probe' ? '' : String(got.value)
    if (out.writeFile(path, text, fileMode(rec.mode))) summary.files++
  }
  // Links last: nothing is written after them, so nothing can be written through one.
  for (const [path, rec] of recorded) {
    if (rec.type === 'link' && rec.outcome.kind === 'value' && out.link(path, rec.outcome.value)) summary.links++
  }
  out.writeFile(`/${CAPTURE_MANIFEST}`, JSON.stringify({format: 1, ...meta, unreadable}, null, 2) + '\n', 0o644)
  // Deepest first, so a read-only parent does not stop a child's chmod (root ignores it; others do not).
  for (const [p, mode] of dirModes.sort((a, b) => b[0].length - a[0].length)) chmodSync(p, mode)
  return summary
}
