// Time-boxed reads (issue 13 item 4, "time-box every read"): a file on a mount that can hang (FUSE, NFS...,
// see mount-table.ts) is read by a child process that is killed if it has not answered in READ_TIMEOUT_MS.
//
// Why a child process: Node has no cancellable synchronous read. A worker thread blocked in read(2) on a
// stopped lxcfs cannot be stopped either, and it keeps the process from exiting (process.exit() too: Node
// joins its threads, measured on these VMs; the same for an async read, which blocks a libuv pool thread
// that exit joins). A child blocked in a FUSE or NFS hard-mount read dies on SIGKILL (nfs(5): hard mounts are
// TASK_KILLABLE; fs/fuse/dev.c request_wait_answer: killable while the request waits for the daemon), so
// spawnSync with a timeout returns. Not covered: a FUSE daemon that has already taken the request off
// /dev/fuse and then stops or deadlocks while serving it; the kernel then waits for its answer uninterruptibly
// ("request is already in userspace ... wait it out"), SIGKILL stays pending, and spawnSync waits with it.
// The child is coreutils dd (a few ms: bench/timebox.mjs), which keeps the open's flags: O_NONBLOCK, a FIFO
// does not wait for a writer; O_NOFOLLOW in a tree; and at most capBytes + 1 bytes. Resolving a tree's path
// (resolve.ts) lstat's each component, which hangs as well: there, `readlink -v` is the child (a link's
// target, or EINVAL for "not a link"). Where dd is not GNU dd (busybox has no iflag=nonblock), the child is
// this Node binary (slower, same flags).
//
// So that ten hung files do not take ten time-outs: a filesystem (major:minor) that hung once is not read
// again in this run, and all time-outs of one run together stop at RUN_BUDGET_MS; after that, reads from
// mounts that can hang are not attempted. Each is unknown, malformed, with a reason that says so.
import {spawnSync} from 'node:child_process'
import type {HangingMount} from './mount-table.js'
import {fromCode, type Unread} from './outcome.js'

export const READ_TIMEOUT_MS = 2000
export const RUN_BUDGET_MS = 5000

export type BoxedRead = {kind: 'value'; bytes: Buffer} | Unread
export type BoxedLink = {kind: 'link'; target: string} | {kind: 'not-link'} | Unread

/** Time spent in reads that timed out, this run. */
let spentMs = 0
/** Filesystems (major:minor) that hung, and the first guest path that hung on each. */
const hungDevices = new Map<string, string>()
let useNode = false

/** A file's bytes (at most capBytes + 1 of them), or why not. */
export function readTimeBoxed(
  guestPath: string,
  hostPath: string,
  capBytes: number,
  noFollow: boolean,
  mount: HangingMount,
): BoxedRead {
  const flags = `count_bytes,nonblock${noFollow ? ',nofollow' : ''}`
  const r = runBoxed(guestPath, mount, () =>
    useNode
      ? [process.execPath, ['-e', NODE_READ, hostPath, String(capBytes + 1), noFollow ? '1' : '0']]
      : ['dd', [`if=${hostPath}`, `iflag=${flags}`, `count=${capBytes + 1}`, 'bs=65536', 'status=none']],
  )
  if (r.kind !== 'ran') return r
  if (r.status === 0) return {kind: 'value', bytes: r.stdout}
  const code = errnoOf(r.stderr)
  if (code === 'ELOOP' && noFollow)
    return {kind: 'denied', path: guestPath, reason: `${guestPath}: a link appeared while reading; not followed`}
  return fromCode(guestPath, code)
}

/** lstat + readlink of one path in a tree: its target if it is a link, or why it could not be told. */
export function readLinkTimeBoxed(guestPath: string, hostPath: string, mount: HangingMount): BoxedLink {
  const r = runBoxed(guestPath, mount, () =>
    useNode ? [process.execPath, ['-e', NODE_READLINK, hostPath]] : ['readlink', ['-v', '-n', '--', hostPath]],
  )
  if (r.kind !== 'ran') return r
  if (r.status === 0) return {kind: 'link', target: r.stdout.toString('utf8')}
  const code = errnoOf(r.stderr)
  return code === 'EINVAL' ? {kind: 'not-link'} : fromCode(guestPath, code)
}

type Ran = {kind: 'ran'; status: number; stdout: Buffer; stderr: string} | Unread
type Command = () => [string, string[]]

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

const notRead = (path: string, why: string): Unread => ({kind: 'malformed', path, reason: `${path}: not read: ${why}`})

/** Run the child under the time-out and the run's budget; a time-out marks its filesystem as hung. */
function runBoxed(guestPath: string, mount: HangingMount, command: Command): Ran {
  const where = `the ${mount.fsType} mount at ${mount.mountPoint}`
  const earlier = hungDevices.get(mount.device)
  if (earlier !== undefined)
    return notRead(
      guestPath,
      `its ${mount.fsType} filesystem (device ${mount.device}) did not answer a read of ${earlier} earlier in this run`,
    )
  const left = RUN_BUDGET_MS - spentMs
  if (left <= 0) return notRead(guestPath, `reads that hung used up this run's ${seconds(RUN_BUDGET_MS)} (${where})`)
  const timeoutMs = Math.min(READ_TIMEOUT_MS, left)
  const started = Date.now()
  let r = spawnBounded(command(), timeoutMs)
  if (!useNode && notCoreutils(r)) {
    useNode = true
    r = spawnBounded(command(), timeoutMs - (Date.now() - started))
  }
  if (codeOf(r.error) === 'ETIMEDOUT' || r.signal === 'SIGKILL') {
    spentMs += Date.now() - started
    hungDevices.set(mount.device, guestPath)
    return {
      kind: 'malformed',
      path: guestPath,
      reason: `${guestPath}: read timed out after ${seconds(timeoutMs)} (${where} did not answer; is its server stopped or hung?)`,
    }
  }
  if (r.error) return fromCode(guestPath, (r.error as NodeJS.ErrnoException).code ?? 'EUNKNOWN')
  return {kind: 'ran', status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8')}
}

/** The errno code of a spawn error (ETIMEDOUT when the time-out killed the child, ENOENT when it is missing). */
const codeOf = (error: unknown): string | undefined => (error as {code?: string} | undefined)?.code

type Child = ReturnType<typeof spawnSync> & {stdout: Buffer; stderr: Buffer}

function spawnBounded([cmd, args]: [string, string[]], timeoutMs: number): Child {
  return spawnSync(cmd, args, {
    timeout: Math.max(1, timeoutMs),
    killSignal: 'SIGKILL',
    // A read asks for at most capBytes + 1 (8 MiB + 1 for mountinfo): spawnSync's default 1 MiB is too small.
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C'},
  })
}

/** dd or readlink missing, or not coreutils' (busybox dd: "invalid argument 'nonblock' to 'iflag'"). */
function notCoreutils(r: Child): boolean {
  if (codeOf(r.error) === 'ENOENT') return true
  return (
    r.status !== 0 && /invalid argument '|unknown operand|invalid option|unrecognized option/i.test(String(r.stderr))
  )
}

/** The child's error as an errno code: the Node child prints the code; coreutils print strerror(3) (LC_ALL=C). */
function errnoOf(stderr: string): string {
  const code = /\b(E[A-Z]{2,})\b/.exec(stderr)?.[1]
  if (code) return code
  for (const [text, c] of STRERROR) if (stderr.includes(text)) return c
  return 'EIO'
}

const STRERROR: [string, string][] = [
  ['No such file or directory', 'ENOENT'],
  ['Not a directory', 'ENOTDIR'],
  ['Permission denied', 'EACCES'],
  ['Operation not permitted', 'EPERM'],
  ['Too many levels of symbolic links', 'ELOOP'],
  ['Is a directory', 'EISDIR'],
  ['Invalid argument', 'EINVAL'],
  ['Operation not supported', 'EOPNOTSUPP'],
  ['No such device or address', 'ENXIO'],
  ['No such device', 'ENODEV'],
  ['Function not implemented', 'ENOSYS'],
  ['Transport endpoint is not connected', 'ENOTCONN'],
  ['Resource temporarily unavailable', 'EAGAIN'],
  ['Stale file handle', 'ESTALE'],
  ['Input/output error', 'EIO'],
]

// The fallback children: dd's and readlink's jobs with the same flags; the errno code on stderr on error.
const NODE_READ = `
const fs = require('node:fs'); const [path, max, nf] = process.argv.slice(1);
try {
  const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (nf === '1' ? fs.constants.O_NOFOLLOW : 0));
  const buf = Buffer.alloc(65536); let left = Number(max);
  while (left > 0) { const n = fs.readSync(fd, buf, 0, Math.min(buf.length, left), null); if (n === 0) break; fs.writeSync(1, buf.subarray(0, n)); left -= n }
} catch (e) { process.stderr.write(String(e && e.code || 'EIO')); process.exitCode = 3 }
`
const NODE_READLINK = `
try { require('node:fs').writeSync(1, require('node:fs').readlinkSync(process.argv[1])) }
catch (e) { process.stderr.write(String(e && e.code || 'EIO')); process.exitCode = 3 }
`

/** For tests: a fresh run (no hung filesystems, the whole budget), optionally with the Node child forced. */
export function resetTimeBox(options: {nodeChild?: boolean} = {}): void {
  spentMs = 0
  hungDevices.clear()
  useNode = options.nodeChild ?? false
}
