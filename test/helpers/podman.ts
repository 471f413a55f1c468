// A private, bounded podman for the image tests (test/image/podman.test.ts). Facts it relies on are in
// shared/design/test-environment.md: runc (crun refuses the hybrid cgroup v1 layout), the cgroupfs cgroup
// manager, file events, small explicit ulimits (podman's defaults exceed what root may set here), a private
// storage root, no registry (the base image is made from this machine's node binary and `podman import`ed),
// `--network=none` to run, `--timeout` plus `podman rm -af` because a killed `podman run` leaves its
// container running, and a test-owned --cgroup-parent removed depth-first afterwards.
//
// Every command here has a time limit, and all of them together stay inside one deadline.
import {spawn, spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  chmodSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

/** Debian packages the tests need; installed with apt-get when missing (about 30 s). */
export const PODMAN_PACKAGES = [
  'podman',
  'runc',
  'conmon',
  'fuse-overlayfs',
  'slirp4netns',
  'netavark',
  'uidmap',
  'busybox-static',
]
export const LXCFS_PACKAGES = ['lxcfs']

export type Run = SpawnSyncReturns<string> & {ms: number; cmd: string}

/** Seconds-bounded deadline shared by every command of one test file. */
export class Deadline {
  end: number
  constructor(readonly ms: number) {
    this.end = Date.now() + ms
  }
  /** Start the clock again (the tests run long after the files are imported). */
  restart(): void {
    this.end = Date.now() + this.ms
  }
  left(): number {
    return this.end - Date.now()
  }
  /** The smaller of `ms` and what is left (at least 1 s, so a late command still fails by itself). */
  cap(ms: number): number {
    return Math.max(1000, Math.min(ms, this.left()))
  }
}

export function sh(
  cmd: string,
  args: string[],
  opts: {timeoutMs: number; env?: NodeJS.ProcessEnv; input?: string; cwd?: string},
): Run {
  const t0 = Date.now()
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: opts.timeoutMs,
    killSignal: 'SIGKILL',
    env: opts.env ?? process.env,
    input: opts.input,
    cwd: opts.cwd,
    maxBuffer: 64 * 1024 * 1024,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  return Object.assign(r, {ms: Date.now() - t0, cmd: [cmd, ...args].join(' ')})
}

/** One line saying how a command failed: status or signal, time-out, and the tail of its stderr. */
export function failure(r: Run): string {
  const how = r.error ? String(r.error.message) : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`
  const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n')
  return `${r.cmd}: ${how} after ${r.ms} ms\n${tail}`
}

function has(bin: string): boolean {
  return sh('sh', ['-c', `command -v ${bin}`], {timeoutMs: 5000}).status === 0
}

function dpkgMissing(pkgs: string[]): string[] | null {
  if (!has('dpkg-query')) return null
  return pkgs.filter((p) => {
    const r = sh('dpkg-query', ['-W', '-f=${Status}', p], {timeoutMs: 10_000})
    return r.status !== 0 || !r.stdout.includes('install ok installed')
  })
}

/**
 * Make sure the packages are installed: a no-op when dpkg says they are; otherwise apt-get install (and, if
 * that fails, apt-get update and one more try). Returns null when done, or why not.
 */
export function ensurePackages(pkgs: string[], deadline: Deadline): string | null {
  const missing = dpkgMissing(pkgs)
  if (missing === null)
    return has('podman') && has('runc') ? null : 'podman/runc are not installed and there is no dpkg/apt-get here'
  if (missing.length === 0) return null
  if (!has('apt-get')) return `missing ${missing.join(' ')} and no apt-get`
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
  const install = () =>
    sh('apt-get', ['install', '-y', '-q', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120', ...missing], {
      timeoutMs: deadline.cap(300_000),
      env,
    })
  let r = install()
  if (r.status !== 0) {
    const u = sh('apt-get', ['update', '-q', '-o', 'DPkg::Lock::Timeout=120'], {timeoutMs: deadline.cap(180_000), env})
    if (u.status !== 0) return `apt-get install ${missing.join(' ')} failed, and so did apt-get update: ${failure(u)}`
    r = install()
  }
  return r.status === 0 ? null : `apt-get install ${missing.join(' ')} failed: ${failure(r)}`
}

export type Podman = {
  dir: string
  env: NodeJS.ProcessEnv
  /** The cgroup every container (and every build step) is placed under, e.g. "/guestview-test-123-ab12". */
  cgroupParent: string
  global: string[]
  deadline: Deadline
  run(args: string[], timeoutMs?: number, input?: string): Run
}

/** A podman with its own configuration, storage, run and temp directories under a fresh temp dir. */
export function privatePodman(deadline: Deadline): Podman {
  const dir = mkdtempSync(join(tmpdir(), 'guestview-podman-'))
  for (const d of ['root', 'runroot', 'tmp']) mkdirSync(join(dir, d))
  writeFileSync(
    join(dir, 'containers.conf'),
    [
      '[containers]',
      'default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]',
      'log_driver = "k8s-file"',
      '[network]',
      'network_backend = "netavark"',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `events_logfile_path = "${join(dir, 'events.log')}"`,
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'storage.conf'),
    `[storage]\ndriver = "overlay"\ngraphroot = "${join(dir, 'root')}"\nrunroot = "${join(dir, 'runroot')}"\n`,
  )
  writeFileSync(join(dir, 'registries.conf'), 'unqualified-search-registries = []\n')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
    TMPDIR: join(dir, 'tmp'),
  }
  const global = ['--root', join(dir, 'root'), '--runroot', join(dir, 'runroot'), '--tmpdir', join(dir, 'tmp')]
  const cgroupParent = `/guestview-test-${process.pid}-${Math.random().toString(16).slice(2, 8)}`
  const pm: Podman = {
    dir,
    env,
    cgroupParent,
    global,
    deadline,
    // pm.deadline, not `deadline`: a podman shared by several test files takes each file's in turn.
    run: (args, timeoutMs = 60_000, input) =>
      sh('podman', [...global, ...args], {timeoutMs: pm.deadline.cap(timeoutMs), env, input}),
  }
  return pm
}

/** Files of `ldd BIN` (absolute paths; none for a static binary). */
function libsOf(bin: string): string[] {
  const r = sh('ldd', [bin], {timeoutMs: 10_000})
  if (r.status !== 0) return [] // "not a dynamic executable"
  const out = new Set<string>()
  for (const line of r.stdout.split('\n')) {
    const m = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)/.exec(line)
    if (m) out.add(m[1]!)
  }
  return [...out]
}

function put(rootfs: string, guestPath: string, from: string): void {
  const to = join(rootfs, guestPath)
  mkdirSync(dirname(to), {recursive: true})
  copyFileSync(realpathSync(from), to)
  chmodSync(to, statSync(from).mode & 0o7777)
}

function copyTree(from: string, to: string): void {
  const r = sh('cp', ['-a', from + '/.', to], {timeoutMs: 60_000})
  if (r.status !== 0) throw new Error(failure(r))
}

export type BaseSpec = {
  /** The node binary to put in /usr/local/bin (default: the one running the tests). */
  node?: string
  /** npm at /usr/local (this machine's), busybox as /bin/sh and friends, the CA bundle: what a build needs. */
  tools?: boolean
}

/**
 * A Node base image made from what this machine has: a node binary at /usr/local (where the official
 * images keep it) with the libraries `ldd` lists, and passwd/group with nobody (65534). With `tools`
 * (the default): this machine's npm, static busybox as /bin/sh and friends, and the CA bundle (npm reaches
 * the registry through it). Without: nothing but node and /tmp, like a distroless image.
 */
export function importBase(
  pm: Podman,
  name: string,
  spec: BaseSpec = {},
): {ok: true; ms: number; bytes: number} | {ok: false; reason: string} {
  const t0 = Date.now()
  const tools = spec.tools ?? true
  const rootfs = join(pm.dir, `base-rootfs-${name.replace(/\W/g, '_')}`)
  const node = realpathSync(spec.node ?? process.execPath)
  const npmCli = tools ? sh('sh', ['-c', 'command -v npm'], {timeoutMs: 5000}).stdout.trim() : ''
  if (tools && !npmCli) return {ok: false, reason: 'no npm on this machine to put in the base image'}
  const busybox = tools ? sh('sh', ['-c', 'command -v busybox'], {timeoutMs: 5000}).stdout.trim() : ''
  if (tools && !busybox) return {ok: false, reason: 'no busybox (busybox-static) on this machine'}

  for (const d of ['usr/local/bin', 'etc', 'tmp']) mkdirSync(join(rootfs, d), {recursive: true})
  chmodSync(join(rootfs, 'tmp'), 0o1777)
  put(rootfs, '/usr/local/bin/node', node)
  for (const lib of libsOf(node)) if (!existsSync(join(rootfs, lib))) put(rootfs, lib, lib)
  const changes = ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'CMD ["node"]']
  if (tools) {
    const npmDir = dirname(dirname(realpathSync(npmCli))) // .../node_modules/npm/bin/npm-cli.js -> .../npm
    for (const d of ['bin', 'usr/bin', 'usr/local/lib/node_modules/npm', 'etc/ssl/certs', 'root'])
      mkdirSync(join(rootfs, d), {recursive: true})
    copyTree(npmDir, join(rootfs, 'usr/local/lib/node_modules/npm'))
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'))
    symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'))
    for (const lib of libsOf(busybox)) if (!existsSync(join(rootfs, lib))) put(rootfs, lib, lib)
    put(rootfs, '/bin/busybox', busybox)
    const applets = sh(busybox, ['--list'], {timeoutMs: 5000}).stdout.split('\n').filter(Boolean)
    for (const a of applets)
      if (a !== 'busybox' && !existsSync(join(rootfs, 'bin', a))) symlinkSync('busybox', join(rootfs, 'bin', a))
    symlinkSync('/bin/busybox', join(rootfs, 'usr/bin/env')) // npm's "#!/usr/bin/env node"
    const ca = [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'].find((p) => p && existsSync(p))
    if (ca) {
      put(rootfs, ca, ca)
      changes.push(`ENV NODE_EXTRA_CA_CERTS=${ca}`)
    }
  }
  writeFileSync(
    join(rootfs, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  )
  writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n')

  const tar = join(pm.dir, 'base.tar')
  const t = sh('tar', ['-C', rootfs, '-cf', tar, '.'], {timeoutMs: pm.deadline.cap(120_000)})
  rmSync(rootfs, {recursive: true, force: true})
  if (t.status !== 0) return {ok: false, reason: failure(t)}
  const imp = pm.run(['import', ...changes.flatMap((c) => ['--change', c]), tar, name], 180_000)
  rmSync(tar, {force: true})
  if (imp.status !== 0) return {ok: false, reason: failure(imp)}
  const size = pm.run(['image', 'inspect', '--format', '{{.Size}}', name], 30_000)
  return {ok: true, ms: Date.now() - t0, bytes: Number(size.stdout.trim())}
}

export type Lxcfs = {pid: number; dir: string; stop(): string | null}

/** Start `lxcfs -f -u -l --enable-cfs DIR` and wait until DIR/proc/meminfo can be read. */
export async function startLxcfs(pm: Podman): Promise<Lxcfs> {
  const dir = mkdtempSync(join(pm.dir, 'lxcfs-'))
  const child = spawn('lxcfs', ['-f', '-u', '-l', '--enable-cfs', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: false,
  })
  let err = ''
  child.stderr?.on('data', (d) => (err += d))
  const pid = child.pid
  if (pid === undefined) throw new Error('lxcfs did not start')
  const stop = (): string | null => {
    // By PID, then wait for it: lxcfs takes a few seconds to leave, and its mount goes with it.
    const alive = () => {
      try {
        process.kill(pid, 0)
        return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
      } catch {
        return false
      }
    }
    try {
      process.kill(pid, 'SIGTERM')
    } catch {}
    const until = Date.now() + 15_000
    while (alive() && Date.now() < until) sh('sleep', ['0.1'], {timeoutMs: 2000})
    let problem: string | null = null
    if (alive()) {
      problem = `lxcfs ${pid} still alive 15 s after SIGTERM: killed`
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
      const k = Date.now() + 5000
      while (alive() && Date.now() < k) sh('sleep', ['0.1'], {timeoutMs: 2000})
    }
    if (mountedAt(dir)) sh('umount', ['-l', dir], {timeoutMs: 10_000})
    return problem
  }
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    if (child.exitCode !== null) break
    try {
      if (readFileSync(join(dir, 'proc/meminfo'), 'utf8').startsWith('MemTotal')) return {pid, dir, stop}
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  stop()
  throw new Error(
    `lxcfs did not serve ${dir}/proc/meminfo within 10 s (exit ${child.exitCode}): ${err.trim().split('\n').slice(-5).join(' | ')}`,
  )
}

function mountedAt(path: string): boolean {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .some((l) => l.split(' ')[4] === path)
  } catch {
    return false
  }
}

/** `-v` flags that put lxcfs's files over /proc and the online-CPU list, read-only. */
export function lxcfsMounts(lx: Lxcfs): string[] {
  const files = ['meminfo', 'cpuinfo', 'stat', 'uptime', 'loadavg', 'diskstats', 'swaps'].map((f) => `/proc/${f}`)
  files.push('/sys/devices/system/cpu/online')
  return files.filter((f) => existsSync(join(lx.dir, f))).flatMap((f) => ['-v', `${join(lx.dir, f)}:${f}:ro`])
}

/** Remove a cgroup and everything under it, deepest first, in every mounted hierarchy. */
export function removeCgroupTree(name: string): string[] {
  const problems: string[] = []
  const base = '/sys/fs/cgroup'
  let hierarchies: string[]
  try {
    hierarchies = readdirSync(base).map((h) => join(base, h))
  } catch {
    return problems
  }
  // A pure v2 host has the tree right under /sys/fs/cgroup.
  for (const root of [base, ...hierarchies]) {
    const top = join(root, name)
    if (!existsSync(top)) continue
    const order: string[] = []
    const walk = (d: string) => {
      for (const e of readdirSync(d, {withFileTypes: true})) if (e.isDirectory()) walk(join(d, e.name))
      order.push(d)
    }
    try {
      walk(top)
    } catch (e) {
      problems.push(`${top}: ${(e as Error).message}`)
      continue
    }
    for (const d of order) {
      let last: unknown = null
      for (let i = 0; i < 50; i++) {
        try {
          rmdirSync(d)
          last = null
          break
        } catch (e) {
          last = e
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
            last = null
            break
          }
          sh('sleep', ['0.1'], {timeoutMs: 2000}) // EBUSY right after the last task left
        }
      }
      if (last) problems.push(`rmdir ${d}: ${(last as Error).message}`)
    }
  }
  return problems
}

/** Everything this file made goes: containers, images and storage, the cgroup tree. Never throws. */
export function cleanup(pm: Podman): string[] {
  const problems: string[] = []
  try {
    const rm = sh('podman', [...pm.global, 'rm', '-af', '-t', '0'], {timeoutMs: 60_000, env: pm.env})
    if (rm.status !== 0) problems.push(failure(rm))
    const rmi = sh('podman', [...pm.global, 'rmi', '-af'], {timeoutMs: 60_000, env: pm.env})
    if (rmi.status !== 0) problems.push(failure(rmi))
  } catch (e) {
    problems.push(String(e))
  }
  try {
    problems.push(...removeCgroupTree(pm.cgroupParent.slice(1)))
  } catch (e) {
    problems.push(String(e))
  }
  try {
    // Storage may still hold a mount (overlay) if podman was killed: unmount what lies under our dir first.
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((m): m is string => !!m && m.startsWith(pm.dir + '/'))
      .sort((a, b) => b.length - a.length)
    for (const m of mounts) sh('umount', ['-l', m], {timeoutMs: 10_000})
    rmSync(pm.dir, {recursive: true, force: true})
  } catch (e) {
    problems.push(`rm -rf ${pm.dir}: ${(e as Error).message}`)
  }
  return problems
}
