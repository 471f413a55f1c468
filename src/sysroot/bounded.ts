// Reading one file with bounds (issue 13 items 4, 5): a FIFO in a tree hung `owns`; /dev/zero as
// proc/meminfo grew RSS to 7.7 GB; a 200 MB mountinfo took 2.4 GB. So:
//   - the file is opened O_NONBLOCK (opening a FIFO does not wait for a writer) and, in a tree, O_NOFOLLOW;
//   - only regular files are read (procfs and sysfs files are regular files too); anything else, a FIFO,
//     a device, a socket, is malformed "not a regular file";
//   - at most `capBytes` are read: a longer file is malformed "larger than N bytes", never read whole,
//     or, for readHead, its first capBytes with `truncated`;
//   - a file on a mount that can hang (FUSE, NFS...: mount-table.ts) is read by a child that is killed after
//     a time-out (timebox.ts); every other read is the plain one below, at no extra cost.
import {closeSync, constants, fstatSync, openSync, readFileSync, readlinkSync, readSync, type Stats} from 'node:fs'
import {hangingMountOf, type HangingMount} from './mount-table.js'
import {fromErrno, malformed, type Unread} from './outcome.js'
import {readTimeBoxed} from './timebox.js'

/** O_NOFOLLOW met a link in the last component: not followed (Sysroot resolves it and asks again). */
export const linkAppeared = (guestPath: string): Unread => ({
  kind: 'denied',
  path: guestPath,
  reason: `${guestPath}: a link appeared while reading; not followed`,
})

export const isLinkAppeared = (r: Bounded): boolean =>
  r.kind === 'denied' && r.path !== null && r.reason === linkAppeared(r.path).reason

/** `mode` is the file's permission bits; a time-boxed read does not know them (capture then writes 0600). */
export type Bounded = {kind: 'value'; text: string; mode?: number; truncated: boolean; bytes: number} | Unread

/** readFileSync's options as an object: a string is copied into a fresh one on every call (fs getOptions). */
const UTF8 = {encoding: 'utf8'} as const

const CHUNK = 64 * 1024
const SHARED = Buffer.allocUnsafe(CHUNK)

const TYPE_NAMES: [keyof Stats, string][] = [
  ['isFIFO', 'a FIFO'],
  ['isCharacterDevice', 'a character device'],
  ['isBlockDevice', 'a block device'],
  ['isSocket', 'a socket'],
  ['isDirectory', 'a directory'],
  ['isSymbolicLink', 'a link'],
]

function typeName(st: Stats): string {
  for (const [test, name] of TYPE_NAMES) if ((st[test] as () => boolean).call(st)) return name
  return 'not a regular file'
}

export function readBounded(
  guestPath: string,
  hostPath: string,
  capBytes: number,
  options: {noFollow: boolean; head?: boolean; realRoot?: string},
): Bounded {
  const hanging = hangingMountOf(hostPath)
  if (hanging) return readBoxed(guestPath, hostPath, capBytes, options, hanging)
  return readPlain(guestPath, hostPath, capBytes, options)
}

/** The read itself, in this process: for files on mounts that cannot hang (and bench/timebox.mjs's baseline). */
export function readPlain(
  guestPath: string,
  hostPath: string,
  capBytes: number,
  options: {noFollow: boolean; head?: boolean; realRoot?: string},
): Bounded {
  let fd: number
  try {
    fd = openSync(hostPath, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0))
  } catch (error) {
    // O_NOFOLLOW on a link: ELOOP. resolveInRoot has resolved links already, so one here was swapped in since.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return linkAppeared(guestPath)
    return fromErrno(guestPath, error)
  }
  try {
    if (options.realRoot && !underRoot(fd, options.realRoot))
      return {
        kind: 'denied',
        path: guestPath,
        reason: `${guestPath}: escapes the root (the tree changed while reading); not read`,
      }
    const st = fstatSync(fd)
    if (!st.isFile()) {
      return malformed(guestPath, `${typeName(st)}, not a regular file; not read`)
    }
    // procfs and sysfs report size 0: read until EOF or one byte past the cap. Reads fill one shared buffer
    // (most files end within it, and are decoded from it with no copy); only longer files spill its full
    // contents into buffers of their own.
    const limit = capBytes + 1
    const spilled: Buffer[] = []
    let inShared = 0
    let total = 0
    while (total < limit) {
      if (inShared === CHUNK) {
        spilled.push(Buffer.from(SHARED))
        inShared = 0
      }
      const n = readSync(fd, SHARED, inShared, Math.min(CHUNK - inShared, limit - total), null)
      if (n === 0) break
      inShared += n
      total += n
    }
    const mode = st.mode & 0o7777
    const bytes = () =>
      spilled.length === 0 ? SHARED.subarray(0, inShared) : Buffer.concat([...spilled, SHARED.subarray(0, inShared)])
    if (total > capBytes) {
      if (!options.head) return malformed(guestPath, `larger than ${capBytes} bytes; not read`)
      return {
        kind: 'value',
        text: bytes().subarray(0, capBytes).toString('utf8'),
        mode,
        truncated: true,
        bytes: capBytes,
      }
    }
    return {kind: 'value', text: bytes().toString('utf8'), mode, truncated: false, bytes: total}
  } catch (error) {
    return fromErrno(guestPath, error)
  } finally {
    closeSync(fd)
  }
}

/**
 * A file that the live machine's kernel serves from procfs, sysfs or cgroupfs (/proc/PID/cgroup, /proc/meminfo,
 * /sys/fs/cgroup/memory/.../memory.stat: mount-table.ts kernelFileAt says which): a regular file, never a
 * FIFO or a device, whose open and read never wait on another process, and which the kernel bounds itself
 * (a page for most attributes; the cap is checked after). So none of readPlain's steps is needed: Node reads
 * it whole in one call (readFileSync: one open, read, close in C++), about 0.6x the CPU of readPlain's open,
 * fstat (a Stats object), read, read and close for the ~200 /proc/PID/cgroup files of a pod's listing
 * (bench/pod.ts), and ~35 fstat calls fewer in one `owns`. The caller says when this holds (Sysroot: live
 * root, own view, no capture, which alone needs the mode); the outcome is readPlain's.
 */
export function readKernelFile(guestPath: string, hostPath: string, capBytes: number): Bounded {
  let text: string
  try {
    text = readFileSync(hostPath, UTF8)
  } catch (error) {
    // readPlain's words for a directory (its fstat), so that the one place deciding outcomes says it alike.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR')
      return malformed(guestPath, 'a directory, not a regular file; not read')
    return fromErrno(guestPath, error)
  }
  const bytes = Buffer.byteLength(text) // as decoded: a byte that is no UTF-8 counts as the 3 of U+FFFD
  if (bytes > capBytes) return malformed(guestPath, `larger than ${capBytes} bytes; not read`)
  return {kind: 'value', text, truncated: false, bytes}
}

/**
 * The same bounds, from a child that is killed if the mount does not answer (timebox.ts). The child opens
 * O_NOFOLLOW in a tree, but cannot make underRoot's check on its fd, nor report the mode.
 */
function readBoxed(
  guestPath: string,
  hostPath: string,
  capBytes: number,
  options: {noFollow: boolean; head?: boolean},
  mount: HangingMount,
): Bounded {
  const r = readTimeBoxed(guestPath, hostPath, capBytes, options.noFollow, mount)
  if (r.kind !== 'value') return r
  if (r.bytes.length <= capBytes)
    return {kind: 'value', text: r.bytes.toString('utf8'), truncated: false, bytes: r.bytes.length}
  if (!options.head) return malformed(guestPath, `larger than ${capBytes} bytes; not read`)
  return {kind: 'value', text: r.bytes.subarray(0, capBytes).toString('utf8'), truncated: true, bytes: capBytes}
}

/**
 * Where the open file really is (/proc/self/fd/N names it): a last check that no component was swapped for
 * a link between resolveInRoot and open. Without /proc (nothing to ask), the resolution stands.
 */
function underRoot(fd: number, realRoot: string): boolean {
  let where: string
  try {
    where = readlinkSync(`/proc/self/fd/${fd}`)
  } catch {
    return true
  }
  return where === realRoot || where.startsWith(realRoot + '/')
}
