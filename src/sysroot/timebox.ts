// Time-boxed reads (issue 13 item 4, "time-box every read"): a file on a mount that can hang (FUSE, NFS...,
// see mount-table.ts) is read by a child process that is killed if it has not answered in READ_TIMEOUT_MS.
//
// Why a child process: Node has no cancellable synchronous read. A worker thread blocked in read(2) on a
// stopped lxcfs cannot be stopped either, and it keeps the process from exiting (process.exit() too: Node
// joins its threads, measured on these VMs; the same for an async read, which blocks a libuv pool thread
// that exit joins). A child blocked in a FUSE or NFS hard-mount read dies on SIGKILL (fuse: the request wait
// is killable; nfs(5): hard mounts are TASK_KILLABLE), so spawnSync with a timeout returns, always.
// The child is coreutils dd (a few ms: bench/timebox.mjs), which keeps the open's flags: O_NONBLOCK, a FIFO
// does not wait for a writer; O_NOFOLLOW in a tree; and at most capBytes + 1 bytes. Where dd is not GNU dd
// (busybox has no iflag=nonblock), the child is this Node binary (slower, same flags).
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

/** Time spent in reads that timed out, this run. */
let spentMs = 0
/** Filesystems (major:minor) that hung, and the first guest path that hung on each. */
const hungDevices = new Map<string, string>()
let useNode = false

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

const notRead = (path: string, why: string): Unread => ({kind: 'malformed', path, reason: `${path}: not read: ${why}`})

export function readTimeBoxed(
  guestPath: string,
  hostPath: string,
  capBytes: number,
  noFollow: boolean,
  mount: HangingMount,
): BoxedRead {
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
  let r = runChild(hostPath, capBytes, noFollow, timeoutMs)
  if (!useNode && notGnuDd(r)) {
    useNode = true
    r = runChild(hostPath, capBytes, noFollow, timeoutMs - (Date.now() - started))
  }
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') {
    spentMs += Date.now() - started
    hungDevices.set(mount.device, guestPath)
    return {
      kind: 'malformed',
      path: guestPath,
      reason: `${guestPath}: read timed out after ${seconds(timeoutMs)} (${where} did not answer; is its server stopped or hung?)`,
    }
  }
  if (r.error) return fromCode(guestPath, (r.error as NodeJS.ErrnoException).code ?? 'EUNKNOWN')
  if (r.status === 0) return {kind: 'value', bytes: r.stdout}
  const code = errnoOf(r.stderr.toString('utf8'))
  if (code === 'ELOOP' && noFollow)
    return {kind: 'denied', path: guestPath, reason: `${guestPath}: a link appeared while reading; not followed`}
  return fromCode(guestPath, code)
}

type Child = ReturnType<typeof spawnSync> & {stdout: Buffer; stderr: Buffer}

function runChild(hostPath: string, capBytes: number, noFollow: boolean, timeoutMs: number): Child {
  const flags = `count_bytes,nonblock${noFollow ? ',nofollow' : ''}`
  const [cmd, args] = useNode
    ? [process.execPath, ['-e', NODE_READER, hostPath, String(capBytes + 1), noFollow ? '1' : '0']]
    : ['dd', [`if=${hostPath}`, `iflag=${flags}`, `count=${capBytes + 1}`, 'bs=65536', 'status=none']]
  return spawnSync(cmd, args, {
    timeout: Math.max(1, timeoutMs),
    killSignal: 'SIGKILL',
    maxBuffer: capBytes + 65536,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C'},
  }) as Child
}

/** dd missing, or a dd without GNU's iflag=nonblock (busybox: "invalid argument 'nonblock' to 'iflag'"). */
function notGnuDd(r: Child): boolean {
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return true
  return r.status !== 0 && /invalid argument|unknown operand|invalid (input )?flag/i.test(r.stderr.toString('utf8'))
}

/** The child's error as an errno code: Node's child prints the code; dd prints strerror(3) (LC_ALL=C). */
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
  ['Operation not supported', 'EOPNOTSUPP'],
  ['No such device or address', 'ENXIO'],
  ['No such device', 'ENODEV'],
  ['Function not implemented', 'ENOSYS'],
  ['Transport endpoint is not connected', 'ENOTCONN'],
  ['Resource temporarily unavailable', 'EAGAIN'],
  ['Stale file handle', 'ESTALE'],
  ['Input/output error', 'EIO'],
]

// The fallback child: the same open flags as dd's, at most argv[2] bytes to stdout, the errno code on error.
const NODE_READER = `
const fs = require('node:fs'); const [path, max, nf] = process.argv.slice(1);
try {
  const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (nf === '1' ? fs.constants.O_NOFOLLOW : 0));
  const buf = Buffer.alloc(65536); let left = Number(max);
  while (left > 0) { const n = fs.readSync(fd, buf, 0, Math.min(buf.length, left), null); if (n === 0) break; fs.writeSync(1, buf.subarray(0, n)); left -= n }
} catch (e) { process.stderr.write(String(e && e.code || 'EIO')); process.exitCode = 3 }
`

/** For tests: a fresh run (no hung filesystems, the whole budget). */
export function resetTimeBox(): void {
  spentMs = 0
  hungDevices.clear()
  useNode = false
}
