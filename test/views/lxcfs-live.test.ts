// Real lxcfs: start `lxcfs -f -u -l --enable-cfs` on a private directory, put the CLI in a real cgroup with
// a memory limit and a CPU quota, bind-mount lxcfs's files over /proc and /sys in a private mount namespace
// (`unshare -m`) and run `views --json`, `check --json` and `owns --json` there. The bind-mounted sources
// must classify as virtualized, meminfo-host-wide and cpu-count-host-wide must disappear (they are present
// in the same cgroup without lxcfs), and the memory limit must stay 'limited' although lxcfs makes MemTotal
// equal to it. Afterwards: lxcfs is stopped by its PID (SIGTERM, then wait for it), the binds go away with
// the namespace (and are unmounted explicitly first), the cgroups are removed.
import {spawn, type ChildProcess} from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, isRoot, readText, run, which} from '../helpers/live.js'
import {BIN} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const LXCFS_FILES = [
  'proc/meminfo',
  'proc/cpuinfo',
  'proc/stat',
  'proc/uptime',
  'proc/loadavg',
  'proc/diskstats',
  'proc/swaps',
  'sys/devices/system/cpu/online',
]
const MEM_LIMIT = 256 * 1024 * 1024
const QUOTA_US = 50_000
const PERIOD_US = 100_000
const NAME = `gvviews-${process.pid}`
const CG = {memory: `/sys/fs/cgroup/memory/${NAME}`, cpu: `/sys/fs/cgroup/cpu/${NAME}`}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Why this test cannot run here, or null. */
function blocker(): string | null {
  if (!built()) return 'dist/ is not built: run `npm run build`'
  if (!isRoot()) return 'needs root (cgroups, FUSE, mount namespaces)'
  if (!which('unshare') || !which('mount')) return 'unshare/mount (util-linux) are not installed'
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: lxcfs cannot mount'
  if (
    !existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes') ||
    !existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')
  ) {
    return "needs the cgroup v1 memory and cpu hierarchies at /sys/fs/cgroup/{memory,cpu} (the test VMs' hybrid layout); cgroup v2 is covered by the findings-v2-lxcfs fixtures"
  }
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

// --- lxcfs and cgroup lifecycle, with cleanup that also runs if the test fails or the process exits --------

let lxcfs: ChildProcess | null = null
let lxcfsExited: Promise<void> | null = null
let dir: string | null = null
const cgroupsMade: string[] = []

function mountedUnder(path: string): string[] {
  const mi = readText('/proc/self/mountinfo') ?? ''
  return mi
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((mp) => mp === path || mp.startsWith(path + '/'))
}

async function stopLxcfs(): Promise<void> {
  if (!lxcfs || lxcfs.exitCode !== null || lxcfs.signalCode !== null) return
  lxcfs.kill('SIGTERM') // by its PID: ChildProcess.kill signals exactly this process
  const done = await Promise.race([lxcfsExited!.then(() => true), sleep(3000).then(() => false)])
  if (!done) {
    lxcfs.kill('SIGKILL')
    await Promise.race([lxcfsExited, sleep(2000)])
  }
}

function removeCgroups(): void {
  for (const d of cgroupsMade.splice(0).reverse()) {
    for (let i = 0; i < 20; i++) {
      try {
        rmdirSync(d)
        break
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') break
        // EBUSY until the last task has been reaped.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
      }
    }
  }
}

function removeDir(): void {
  if (!dir) return
  const mnt = join(dir, 'mnt')
  // lxcfs unmounts itself on SIGTERM; if it could not, detach the mount before touching the directory.
  if (mountedUnder(mnt).length > 0) run('umount', ['-l', mnt], {timeoutMs: 5000})
  if (mountedUnder(mnt).length === 0) rmSync(dir, {recursive: true, force: true})
  dir = null
}

// Last resort if the runner dies mid-test: synchronous only.
process.on('exit', () => {
  if (lxcfs?.pid && lxcfs.exitCode === null && lxcfs.signalCode === null) {
    try {
      process.kill(lxcfs.pid, 'SIGKILL')
    } catch {}
  }
  removeCgroups()
})

test.after(async () => {
  await stopLxcfs()
  removeCgroups()
  removeDir()
})

async function startLxcfs(): Promise<string> {
  dir = mkdtempSync('/tmp/gvviews-lxcfs-')
  const mnt = join(dir, 'mnt')
  mkdirSync(mnt)
  const log = openSync(join(dir, 'lxcfs.log'), 'w')
  // -f foreground (we own the PID), -u no swap, -l loadavg, --enable-cfs CPU views from the quota; a pidfile
  // of our own so another lxcfs on this machine (default /run/lxcfs.pid) does not stop this one.
  lxcfs = spawn(which('lxcfs')!, ['-f', '-u', '-l', '--enable-cfs', '-p', join(dir, 'lxcfs.pid'), mnt], {
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  lxcfsExited = new Promise((resolve) => lxcfs!.once('exit', () => resolve()))
  const deadline = Date.now() + 8000
  while (Date.now() < deadline) {
    if (lxcfs.exitCode !== null || lxcfs.signalCode !== null) break
    if (LXCFS_FILES.every((f) => existsSync(join(mnt, f)))) return mnt
    await sleep(100)
  }
  const tail = (readText(join(dir, 'lxcfs.log')) ?? '').trim().split('\n').slice(-3).join(' | ')
  throw new Error(
    `lxcfs did not serve ${LXCFS_FILES.join(', ')} under ${mnt} within 8 s (exit ${lxcfs.exitCode ?? lxcfs.signalCode ?? 'none yet'}): ${tail}`,
  )
}

function makeCgroups(): void {
  for (const d of [CG.memory, CG.cpu]) {
    mkdirSync(d)
    cgroupsMade.push(d)
  }
  writeFileSync(join(CG.memory, 'memory.limit_in_bytes'), String(MEM_LIMIT))
  writeFileSync(join(CG.cpu, 'cpu.cfs_period_us'), String(PERIOD_US))
  writeFileSync(join(CG.cpu, 'cpu.cfs_quota_us'), String(QUOTA_US))
}

/**
 * Join the cgroups first, then (optionally) take a private mount namespace, bind lxcfs's files, run the CLI
 * commands writing JSON files into OUT, unmount, exit. One sh script, so quoting stays simple.
 */
function runInCgroup(out: string, lxcfsMnt: string | null): {status: number | null; stderr: string} {
  mkdirSync(out, {recursive: true})
  const cmds = ['views', 'check', 'owns']
    .map((c) => `"${process.execPath}" "${BIN}" ${c} --json > "$OUT/${c}.json" || exit 20`)
    .join('\n')
  const inner = lxcfsMnt
    ? [
        'set -e',
        `for f in ${LXCFS_FILES.join(' ')}; do mount --bind "$LX/$f" "/$f"; done`,
        'set +e',
        cmds,
        `for f in ${LXCFS_FILES.join(' ')}; do umount "/$f"; done`,
      ].join('\n')
    : cmds
  const script = join(out, 'inner.sh')
  writeFileSync(script, inner + '\n')
  const outer = [
    'set -e',
    `echo $$ > ${CG.memory}/cgroup.procs`,
    `echo $$ > ${CG.cpu}/cgroup.procs`,
    lxcfsMnt ? `exec unshare -m --propagation private sh "${script}"` : `exec sh "${script}"`,
  ].join('\n')
  const r = run('sh', ['-c', outer], {timeoutMs: 30_000, env: {OUT: out, ...(lxcfsMnt ? {LX: lxcfsMnt} : {})}})
  return {status: r.status, stderr: r.stderr}
}

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'))

const why = blocker()
if (why) skip(test, 'real lxcfs', why)
else {
  test('real lxcfs in a real cgroup: bind-mounted sources are virtualized, host-wide findings disappear, the limit stays limited', async () => {
    makeCgroups()
    const mnt = await startLxcfs()

    // Control: the same cgroup without lxcfs. The VM has more memory than 256 MiB and more CPUs than 0.5.
    const plainDir = join(dir!, 'plain')
    const plain = runInCgroup(plainDir, null)
    assert.is(plain.status, 0, plain.stderr)
    const plainIds = (readJson(join(plainDir, 'check.json')).findings as {id: string}[]).map((f) => f.id)
    assert.ok(plainIds.includes('meminfo-host-wide'), `without lxcfs: ${plainIds.join(', ')}`)
    assert.ok(plainIds.includes('cpu-count-host-wide'), `without lxcfs: ${plainIds.join(', ')}`)
    const plainOwns = readJson(join(plainDir, 'owns.json'))
    assert.is(plainOwns.host.meminfoVirtualized, false)

    const lxDir = join(dir!, 'lxcfs')
    const lx = runInCgroup(lxDir, mnt)
    assert.is(lx.status, 0, lx.stderr)
    // The binds lived only in the private namespace: nothing is left mounted over this namespace's /proc.
    for (const f of LXCFS_FILES) assert.equal(mountedUnder(`/${f}`), [], `/${f} still mounted here`)

    const views = readJson(join(lxDir, 'views.json')).views as {source: string; scope: string; evidence: string}[]
    const scope = (s: string) => views.find((v) => v.source === s)!
    for (const f of LXCFS_FILES) {
      const v = scope(`/${f}`)
      assert.is(v.scope, 'virtualized', `/${f}: ${v.evidence}`)
      assert.match(v.evidence, /fuse\.lxcfs mount \(source lxcfs\)/)
    }
    assert.is(scope('/proc/vmstat').scope, 'host', "not served by lxcfs, not bind-mounted: still the host's")
    assert.ok(['host', 'unavailable'].includes(scope('/proc/pressure/cpu').scope))

    const ids = (readJson(join(lxDir, 'check.json')).findings as {id: string}[]).map((f) => f.id)
    for (const gone of [
      'meminfo-host-wide',
      'cpu-count-host-wide',
      'load-average-host-wide',
      'uptime-host-wide',
      'diskstats-host-wide',
    ]) {
      assert.not.ok(ids.includes(gone), `${gone} still raised under lxcfs: ${ids.join(', ')}`)
    }

    const owns = readJson(join(lxDir, 'owns.json'))
    assert.is(owns.host.meminfoVirtualized, true)
    assert.is(owns.host.memTotalBytes, MEM_LIMIT, 'lxcfs shows the limit as MemTotal')
    assert.is(owns.memory.limit.state, 'limited', JSON.stringify(owns.memory.limit))
    assert.is(owns.memory.limit.value, MEM_LIMIT)
    assert.match(owns.memory.limit.source, new RegExp(`/${NAME}/memory\\.limit_in_bytes`))
    assert.equal([owns.cpu.limit.state, owns.cpu.limit.value], ['limited', QUOTA_US / PERIOD_US])
    assert.is(plainOwns.memory.limit.value, MEM_LIMIT, 'same limit without lxcfs')
  })
}

test.run()
