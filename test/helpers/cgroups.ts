// Real cgroup v1 test cgroups for the integration tests: create uniquely named cgroups (gvtest-<pid>-<n>)
// under /sys/fs/cgroup/<controller>, set limits, run a command inside them (a shell joins every
// cgroup.procs, then execs the command: the command's PID is the one that joined), and remove only what
// was created, depth-first. Children are bounded by a timeout and killed by PID, never by name.
import {spawn} from 'node:child_process'
import {accessSync, constants, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {compileAll, checkIfGuestviewJson} from './schema.js'
import {onExit} from './on-exit.js'

// The schemas compile here, once, before any run is timed (every --json output is checked: see run()).
compileAll()

export const CG_ROOT = '/sys/fs/cgroup'
export const CONTROLLERS = ['cpu', 'cpuacct', 'cpuset', 'memory', 'pids', 'blkio'] as const
export type Controller = (typeof CONTROLLERS)[number]

export type Limits = {
  quotaUs?: number
  periodUs?: number
  shares?: number
  /** cpuset.cpus; cpuset.mems is set too (both are needed before a task can join). Default: the parent's. */
  cpus?: string
  mems?: string
  memoryBytes?: number
  pidsMax?: number
}

/** Why the cgroup tests cannot run here, or null when they can. Probes with a real mkdir/rmdir. */
export function cgroupV1Unavailable(): string | null {
  const uid = process.getuid?.()
  if (uid !== 0) return `needs root to create cgroups (uid is ${uid ?? 'unknown'})`
  const mountinfo = safeRead('/proc/self/mountinfo') ?? ''
  for (const c of CONTROLLERS) {
    const dir = join(CG_ROOT, c)
    // mountinfo: "... <mount point> ... - <fstype> <source> <super options>"; the last line at a point is on top.
    const line = mountinfo
      .split('\n')
      .filter((l) => l.split(' ')[4] === dir)
      .pop()
    const [fsType, , superOptions] = (line?.split(' - ')[1] ?? '').split(' ')
    if (fsType !== 'cgroup' || !(superOptions ?? '').split(',').includes(c)) {
      return `${dir} is not a cgroup v1 mount of the ${c} controller (this test needs the v1/hybrid layout)`
    }
    try {
      accessSync(dir, constants.W_OK)
    } catch (error) {
      return `${dir} is not writable (${(error as NodeJS.ErrnoException).code})`
    }
  }
  const probe = `gvtest-${process.pid}-probe`
  const made: string[] = []
  try {
    for (const c of CONTROLLERS) {
      mkdirSync(join(CG_ROOT, c, probe))
      made.push(join(CG_ROOT, c, probe))
    }
  } catch (error) {
    return `cannot create a test cgroup: ${(error as Error).message}`
  } finally {
    for (const d of made.reverse()) rmdirRetrySync(d)
  }
  return null
}

export function safeRead(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** Flat-keyed cgroup file (cpu.stat, memory.stat) as bigints. */
export function readFlat(path: string): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [k, v] = line.trim().split(/\s+/)
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, BigInt(v))
  }
  return out
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** rmdir, retrying briefly while the last task leaves (EBUSY). Returns an error message or null. */
export function rmdirRetrySync(dir: string, ms = 3000): string | null {
  const until = Date.now() + ms
  for (;;) {
    try {
      rmdirSync(dir)
      return null
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return null
      if (code !== 'EBUSY' || Date.now() > until) return `rmdir ${dir}: ${code}`
      sleepSync(50)
    }
  }
}

/** A group of test cgroups created by this process; cleanup() removes exactly these. */
export class TestCgroups {
  private n = 0
  /** Every directory created, in creation order (parents before children). */
  private readonly created: string[] = []

  /** A new unique top-level name: gvtest-<pid>-<n>. */
  name(): string {
    return `gvtest-${process.pid}-${++this.n}`
  }

  dir(controller: Controller, rel: string): string {
    return join(CG_ROOT, controller, rel)
  }

  /** The cgroup path as /proc/self/cgroup shows it in the host cgroup namespace. */
  path(rel: string): string {
    return '/' + rel
  }

  /** Create `rel` (e.g. "gvtest-1-2" or "gvtest-1-2/child") in every controller and set the limits. */
  create(rel: string, limits: Limits = {}): string {
    for (const c of CONTROLLERS) {
      const d = this.dir(c, rel)
      mkdirSync(d)
      this.created.push(d)
    }
    this.set(rel, limits)
    // cpuset: a task cannot join a v1 cpuset cgroup whose cpus or mems are empty; default to the parent's.
    const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''
    const cpus = limits.cpus ?? readFileSync(join(CG_ROOT, 'cpuset', parent, 'cpuset.cpus'), 'utf8').trim()
    const mems = limits.mems ?? readFileSync(join(CG_ROOT, 'cpuset', parent, 'cpuset.mems'), 'utf8').trim()
    this.write('cpuset', rel, 'cpuset.cpus', cpus)
    this.write('cpuset', rel, 'cpuset.mems', mems)
    return rel
  }

  set(rel: string, l: Limits): void {
    // Period before quota: the quota/period ratio is checked against the parent when the quota is written.
    if (l.periodUs !== undefined) this.write('cpu', rel, 'cpu.cfs_period_us', String(l.periodUs))
    if (l.quotaUs !== undefined) this.write('cpu', rel, 'cpu.cfs_quota_us', String(l.quotaUs))
    if (l.shares !== undefined) this.write('cpu', rel, 'cpu.shares', String(l.shares))
    if (l.memoryBytes !== undefined) this.write('memory', rel, 'memory.limit_in_bytes', String(l.memoryBytes))
    if (l.pidsMax !== undefined) this.write('pids', rel, 'pids.max', String(l.pidsMax))
  }

  write(c: Controller, rel: string, file: string, value: string): void {
    writeFileSync(join(this.dir(c, rel), file), value)
  }

  read(c: Controller, rel: string, file: string): string {
    return readFileSync(join(this.dir(c, rel), file), 'utf8')
  }

  procsFiles(rel: string): string[] {
    return CONTROLLERS.map((c) => join(this.dir(c, rel), 'cgroup.procs'))
  }

  /** Remove every created cgroup, deepest first. Returns the failures (empty when all went). */
  cleanup(): string[] {
    const errors: string[] = []
    const dirs = [...this.created].sort((a, b) => b.split('/').length - a.split('/').length)
    for (const d of dirs) {
      if (!existsSync(d)) continue
      const e = rmdirRetrySync(d)
      if (e) errors.push(e)
    }
    this.created.length = 0
    return errors
  }
}

// --- running commands inside cgroups -------------------------------------------------------------

/** Joins every cgroup.procs file given (count first), then execs the rest of the arguments. */
const JOIN = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 97; shift; n=$((n-1)); done; exec "$@"'

/**
 * What a container runtime does for a private cgroup namespace on v1: a new cgroup namespace (rooted at
 * the cgroups just joined) and a new mount namespace with each controller mounted afresh on a new tmpfs.
 */
const REMOUNT =
  'mount --make-rprivate / && mount -t tmpfs tmpfs /sys/fs/cgroup || exit 98; ' +
  'for c in cpu cpuacct cpuset memory pids blkio; do ' +
  'mkdir /sys/fs/cgroup/$c && mount -t cgroup -o $c cgroup /sys/fs/cgroup/$c || exit 98; done; exec "$@"'

export function inCgroups(procs: string[], argv: string[]): string[] {
  return ['sh', '-c', JOIN, 'sh', String(procs.length), ...procs, ...argv]
}

export function inPrivateNamespace(argv: string[]): string[] {
  return ['unshare', '--cgroup', '--mount', '--fork', '--kill-child', 'sh', '-c', REMOUNT, 'sh', ...argv]
}

/**
 * Only the fresh mounts, in the cgroup namespace the caller is already in (after `nsenter --cgroup`): every
 * controller mounted afresh shows that namespace's root at its mount point.
 */
export function inFreshMounts(argv: string[]): string[] {
  return ['unshare', '--mount', '--fork', '--kill-child', 'sh', '-c', REMOUNT, 'sh', ...argv]
}

export type Ran = {
  /** The command line that ran. */
  argv: string[]
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
  timedOut: boolean
}

const live = new Set<number>()

/** Run argv with a hard timeout; on timeout the child is killed by its PID with SIGKILL. */
export function run(
  argv: string[],
  options: {timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv} = {},
): Promise<Ran> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const pid = child.pid
    if (pid !== undefined) live.add(pid)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      timedOut = true
      if (pid !== undefined) killPid(pid)
    }, options.timeoutMs ?? 15_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      if (pid !== undefined) live.delete(pid)
      reject(error)
    })
    child.on('close', (code, signal) => {
      const ms = Date.now() - started // the program's time, not the schema check's below
      clearTimeout(timer)
      if (pid !== undefined) live.delete(pid)
      // Every --json output of the CLI is checked against its schema, read by the test or not.
      try {
        if (code !== null && !timedOut) checkIfGuestviewJson(argv, stdout)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
        return
      }
      resolve({argv, code, signal, stdout, stderr, ms, timedOut})
    })
  })
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Kill every child still running (by PID). For after-hooks. */
export function killLiveChildren(): number[] {
  const pids = [...live]
  for (const pid of pids) killPid(pid)
  return pids
}

/** Wait until none of our children is left (they were killed or finished), up to ms. */
export async function waitNoChildren(ms = 2000): Promise<void> {
  const until = Date.now() + ms
  while (live.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25))
}

export function commandExists(cmd: string): boolean {
  const path = process.env.PATH ?? '/usr/bin:/bin'
  return path.split(':').some((d) => d && existsSync(join(d, cmd)))
}

/**
 * Cleanup for a test file that makes cgroups and children: kill children by PID, remove the cgroups
 * (deepest first), then `extra` (temp dirs). Runs once, from the after-hook, on exit, and on SIGINT/SIGTERM.
 */
export function cleanupOnExit(
  test: {after: (fn: () => Promise<void>) => void},
  cg: TestCgroups,
  extra: () => void = () => {},
): () => void {
  let cleaned = false
  const cleanup = (): void => {
    if (cleaned) return
    cleaned = true
    const killed = killLiveChildren()
    const errors = cg.cleanup()
    extra()
    if (killed.length > 0) console.log(`  cleanup: killed leftover children ${killed.join(', ')}`)
    if (errors.length > 0) console.log(`  cleanup FAILED: ${errors.join('; ')}`)
  }
  // Last resort if the after-hook never runs (a crash, Ctrl-C): on-exit.ts.
  const off = onExit(cleanup)
  test.after(async () => {
    killLiveChildren()
    await waitNoChildren()
    cleanup()
    off()
  })
  return cleanup
}
