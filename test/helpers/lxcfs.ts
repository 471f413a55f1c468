// Real lxcfs for live tests: `lxcfs -f -u -l --enable-cfs` on a private directory of its own (its own
// pidfile, so another lxcfs on the machine is left alone), installed with apt-get where missing. The test
// bind-mounts its files over /proc and /sys in a private mount namespace (`unshare -m`), so nothing outside
// that namespace sees them. stop() ends it by its PID (SIGTERM, then SIGKILL) and removes its directory.
import {spawn, type ChildProcess} from 'node:child_process'
import {closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {built, isRoot, readText, run, which} from './live.js'
import {LXCFS_FILES} from './lxcfs-files.js'

export {LXCFS_FILES}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Why lxcfs cannot run here (after installing it with apt-get if it is missing), or null. */
export function lxcfsBlocker(): string | null {
  if (!built()) return 'dist/ is not built: run `npm run build`'
  if (!isRoot()) return 'needs root (cgroups, FUSE, mount namespaces)'
  if (!which('unshare') || !which('mount')) return 'unshare/mount (util-linux) are not installed'
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: lxcfs cannot mount'
  if (!which('lxcfs')) {
    const apt = which('apt-get')
    if (!apt) return 'lxcfs is not installed and there is no apt-get to install it'
    const env = {DEBIAN_FRONTEND: 'noninteractive'}
    let r = run(apt, ['install', '-y', '--no-install-recommends', 'lxcfs'], {timeoutMs: 120_000, env})
    if (r.status !== 0) {
      // A fresh machine may have no package lists yet: refresh them once and try again.
      run(apt, ['update', '-q'], {timeoutMs: 180_000, env})
      r = run(apt, ['install', '-y', '--no-install-recommends', 'lxcfs'], {timeoutMs: 120_000, env})
    }
    if (r.status !== 0 || !which('lxcfs'))
      return `apt-get install lxcfs failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')}`
  }
  return null
}

export function mountedUnder(path: string): string[] {
  const mi = readText('/proc/self/mountinfo') ?? ''
  return mi
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((mp) => mp === path || mp.startsWith(path + '/'))
}

/**
 * One lxcfs process serving LXCFS_FILES under `mnt`, a directory of its own. `cfs: false` leaves out
 * --enable-cfs (CPU views from the quota); `stopWaitMs` is how long stop() waits after SIGTERM before SIGKILL
 * (lxcfs -l can take seconds to exit: test-environment.md).
 */
export class Lxcfs {
  private proc: ChildProcess | null = null
  private exited: Promise<void> | null = null
  dir: string | null = null

  constructor(private readonly options: {cfs?: boolean; stopWaitMs?: number} = {}) {}

  /** Its PID while it runs (for `kill -STOP` in a test's script), else null. */
  get pid(): number | null {
    return this.alive ? (this.proc!.pid ?? null) : null
  }

  get alive(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null
  }

  /** A signal to lxcfs by its PID (SIGSTOP makes every read of its files hang; SIGCONT lets them go on). */
  signal(sig: NodeJS.Signals): void {
    if (this.alive) this.proc!.kill(sig)
  }

  /** Starts lxcfs and waits until it serves every file; returns its mount directory. */
  async start(prefix: string): Promise<string> {
    this.dir = mkdtempSync(prefix)
    const mnt = join(this.dir, 'mnt')
    mkdirSync(mnt)
    const log = openSync(join(this.dir, 'lxcfs.log'), 'w')
    const cfs = this.options.cfs === false ? [] : ['--enable-cfs']
    const proc = spawn(which('lxcfs')!, ['-f', '-u', '-l', ...cfs, '-p', join(this.dir, 'lxcfs.pid'), mnt], {
      stdio: ['ignore', log, log],
    })
    closeSync(log)
    this.proc = proc
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()))
    const deadline = Date.now() + 8000
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) break
      if (LXCFS_FILES.every((f) => existsSync(join(mnt, f)))) return mnt
      await sleep(100)
    }
    const tail = (readText(join(this.dir, 'lxcfs.log')) ?? '').trim().split('\n').slice(-3).join(' | ')
    throw new Error(
      `lxcfs did not serve ${LXCFS_FILES.join(', ')} under ${mnt} within 8 s (exit ${proc.exitCode ?? proc.signalCode ?? 'none yet'}): ${tail}`,
    )
  }

  /** SIGTERM by its PID, SIGKILL if it lingers; then its directory, once nothing is mounted there. */
  async stop(): Promise<void> {
    const proc = this.proc
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGCONT') // by its PID (ChildProcess.kill signals exactly this process): a stopped lxcfs cannot act on SIGTERM
      proc.kill('SIGTERM')
      const waitMs = this.options.stopWaitMs ?? 3000
      const done = await Promise.race([this.exited!.then(() => true), sleep(waitMs).then(() => false)])
      if (!done) {
        proc.kill('SIGKILL')
        await Promise.race([this.exited, sleep(2000)])
      }
    }
    if (!this.dir) return
    const mnt = join(this.dir, 'mnt')
    // lxcfs unmounts itself on SIGTERM; if it could not, detach the mount before touching the directory.
    if (mountedUnder(mnt).length > 0) run('umount', ['-l', mnt], {timeoutMs: 5000})
    if (mountedUnder(mnt).length === 0) rmSync(this.dir, {recursive: true, force: true})
    this.dir = null
  }

  /** Last resort on process exit (synchronous only). */
  killNow(): void {
    const p = this.proc
    if (p?.pid && p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(p.pid, 'SIGCONT')
        process.kill(p.pid, 'SIGKILL')
      } catch {}
    }
  }
}

/** Shell lines that bind every lxcfs file from $LX over the kernel's (to run inside `unshare -m`). */
export const bindLxcfs = `for f in ${LXCFS_FILES.join(' ')}; do mount --bind "$LX/$f" "/$f"; done`
