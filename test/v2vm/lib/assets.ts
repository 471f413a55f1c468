// What the cgroup v2 VM needs from the host, installed and cached the way a user would get them: qemu from
// Debian (`apt-get install --no-install-recommends qemu-system-x86`), Debian's cloud kernel (`apt-get
// download` of the package linux-image-cloud-amd64 depends on, then `dpkg-deb` for its /boot/vmlinuz), a
// static busybox (busybox-static), util-linux's unshare and setpriv, and this machine's node.
// Everything downloaded lives in CACHE_DIR (outside the repository), keyed by version, so a second run
// reuses it. Each function returns a path, or a Missing with the reason the VM cannot run here; it
// never throws for a missing tool.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, renameSync, rmSync} from 'node:fs'
import {join} from 'node:path'

export const CACHE_DIR = process.env.GUESTVIEW_TEST_CACHE ?? '/var/cache/guestview-test'
export const VM_CACHE = join(CACHE_DIR, 'v2vm')

export type Missing = {missing: string}
export const isMissing = (x: unknown): x is Missing => typeof x === 'object' && x !== null && 'missing' in x

type Ran = {status: number | null; stdout: string; stderr: string}

export function sh(cmd: string, args: string[], options: {cwd?: string; timeoutMs?: number} = {}): Ran {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: {...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C'},
  })
  return {status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '')}
}

const lastLines = (r: Ran): string =>
  (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ') || `exit ${r.status ?? 'timeout'}`

export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  }
  return null
}

let listsRefreshed = false
/** apt-get with the dpkg lock waited for (other test runs may hold it), refreshing the lists once on failure. */
function apt(args: string[], cwd?: string): Ran {
  const run = () => sh('apt-get', ['-o', 'DPkg::Lock::Timeout=300', '-q', ...args], {cwd, timeoutMs: 600_000})
  let r = run()
  if (r.status !== 0 && !listsRefreshed) {
    // A fresh machine may have no package lists yet: refresh them once and try again.
    listsRefreshed = true
    sh('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-q'], {timeoutMs: 600_000})
    r = run()
  }
  return r
}

function aptInstall(pkg: string, provides: () => string | null): string | Missing {
  const have = provides()
  if (have) return have
  if (!which('apt-get')) return {missing: `${pkg} is not installed and there is no apt-get to install it`}
  const r = apt(['install', '-y', '--no-install-recommends', pkg])
  return provides() ?? {missing: `apt-get install ${pkg} failed: ${lastLines(r)}`}
}

export function qemu(): string | Missing {
  return aptInstall('qemu-system-x86', () => which('qemu-system-x86_64'))
}

/** A static busybox (the initramfs has no libc of its own for it). */
export function busybox(): string | Missing {
  const isStatic = (p: string) => sh('ldd', [p]).status !== 0 // ldd: "not a dynamic executable", exit 1
  const found = () => ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p) && isStatic(p)) ?? null
  return aptInstall('busybox-static', found)
}

/**
 * util-linux's unshare (busybox's has no -C, the cgroup namespace) and setpriv (busybox's cannot change uid;
 * the host also starts qemu through it, with a parent-death signal). In the VM they are called by absolute
 * path: busybox sh runs its own applet for a bare name.
 */
export function utilLinux(): {unshare: string; setpriv: string} | Missing {
  const find = (name: string) => ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((d) => join(d, name)).find(existsSync)
  const unshare = find('unshare')
  const setpriv = find('setpriv')
  if (!unshare || !setpriv) return {missing: "util-linux's unshare and setpriv are not both installed"}
  if (!sh(unshare, ['--help']).stdout.includes('--cgroup')) return {missing: `${unshare} has no --cgroup option`}
  const help = sh(setpriv, ['--help']).stdout
  if (!help.includes('--reuid') || !help.includes('--pdeathsig')) {
    return {missing: `${setpriv} lacks --reuid or --pdeathsig (util-linux 2.33+)`}
  }
  return {unshare, setpriv}
}

export type Kernel = {version: string; vmlinuz: string}

/**
 * Debian's cloud kernel: the package linux-image-cloud-amd64 depends on (e.g. linux-image-6.1.0-50-cloud-amd64),
 * `apt-get download`ed into the cache and its vmlinuz extracted with dpkg-deb. Offline, the newest kernel
 * already in the cache is used.
 */
export function kernel(): Kernel | Missing {
  const dir = join(VM_CACHE, 'kernel')
  mkdirSync(dir, {recursive: true})
  const cached = (): Kernel | null => {
    const versions = readdirSync(dir)
      .filter((n) => existsSync(join(dir, n, 'vmlinuz')))
      .sort(byVersion)
    const v = versions.at(-1)
    return v ? {version: v, vmlinuz: join(dir, v, 'vmlinuz')} : null
  }
  if (!which('apt-get') || !which('dpkg-deb')) {
    return cached() ?? {missing: 'no cached kernel, and no apt-get/dpkg-deb to download Debian cloud kernel'}
  }
  let deps = sh('apt-cache', ['depends', 'linux-image-cloud-amd64'])
  if (!/Depends: linux-image-/.test(deps.stdout)) {
    apt(['update'])
    listsRefreshed = true
    deps = sh('apt-cache', ['depends', 'linux-image-cloud-amd64'])
  }
  const pkg = /Depends: (linux-image-[^\s]+-cloud-amd64)/.exec(deps.stdout)?.[1]
  if (!pkg) return cached() ?? {missing: `apt-cache knows no linux-image-cloud-amd64: ${lastLines(deps)}`}
  const version = pkg.replace(/^linux-image-/, '')
  const vmlinuz = join(dir, version, 'vmlinuz')
  if (existsSync(vmlinuz)) return {version, vmlinuz}

  const debDir = join(dir, 'deb')
  mkdirSync(debDir, {recursive: true})
  const findDeb = () => readdirSync(debDir).find((n) => n.startsWith(pkg + '_') && n.endsWith('.deb'))
  if (!findDeb()) {
    const r = apt(['download', pkg], debDir)
    if (!findDeb()) return cached() ?? {missing: `apt-get download ${pkg} failed: ${lastLines(r)}`}
  }
  // dpkg-deb -x the whole package into a temporary directory, keep only the kernel image.
  const tmp = join(dir, `.extract-${process.pid}`)
  rmSync(tmp, {recursive: true, force: true})
  const x = sh('dpkg-deb', ['-x', join(debDir, findDeb()!), tmp], {timeoutMs: 120_000})
  const image = join(tmp, 'boot', `vmlinuz-${version}`)
  if (x.status !== 0 || !existsSync(image)) {
    rmSync(tmp, {recursive: true, force: true})
    return {missing: `dpkg-deb -x ${findDeb()} gave no boot/vmlinuz-${version}: ${lastLines(x)}`}
  }
  mkdirSync(join(dir, version), {recursive: true})
  renameSync(image, vmlinuz + `.tmp-${process.pid}`)
  renameSync(vmlinuz + `.tmp-${process.pid}`, vmlinuz)
  rmSync(tmp, {recursive: true, force: true})
  return {version, vmlinuz}
}

function byVersion(a: string, b: string): number {
  return a.localeCompare(b, 'en', {numeric: true})
}

/** The shared libraries a dynamic executable needs (absolute paths, as `ldd` lists them). */
export function libraries(executable: string): string[] | Missing {
  const r = sh('ldd', [executable])
  if (r.status !== 0) return {missing: `ldd ${executable} failed: ${lastLines(r)}`}
  return [...r.stdout.matchAll(/(\/\S+)\s+\(0x/g)].map((m) => m[1]!)
}
