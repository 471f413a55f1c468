// Real lxcfs: start `lxcfs -f -u -l --enable-cfs` on a private directory, put the CLI in a real cgroup with
// a memory limit and a CPU quota, bind-mount lxcfs's files over /proc and /sys in a private mount namespace
// (`unshare -m`) and run `views --json`, `check --json` and `owns --json` there. The bind-mounted sources
// must classify as virtualized, meminfo-host-wide and cpu-count-host-wide must disappear (they are present
// in the same cgroup without lxcfs), and the memory limit must stay 'limited' although lxcfs makes MemTotal
// equal to it. Afterwards: lxcfs is stopped by its PID (SIGTERM, then wait for it), the binds go away with
// the namespace (and are unmounted explicitly first), the cgroups are removed.
import {existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {run} from '../helpers/live.js'
import {bindLxcfs, Lxcfs, lxcfsBlocker, LXCFS_FILES, mountedUnder} from '../helpers/lxcfs.js'
import {BIN} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {onExit} from '../helpers/on-exit.js'

const MEM_LIMIT = 256 * 1024 * 1024
const QUOTA_US = 50_000
const PERIOD_US = 100_000
const NAME = `gvviews-${process.pid}`
const CG = {memory: `/sys/fs/cgroup/memory/${NAME}`, cpu: `/sys/fs/cgroup/cpu/${NAME}`}

/** Why this test cannot run here, or null. */
function blocker(): string | null {
  const lx = lxcfsBlocker()
  if (lx) return lx
  if (
    !existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes') ||
    !existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')
  ) {
    return "needs the cgroup v1 memory and cpu hierarchies at /sys/fs/cgroup/{memory,cpu} (the test VMs' hybrid layout); cgroup v2 is covered by the findings-v2-lxcfs fixtures"
  }
  return null
}

// --- lxcfs and cgroup lifecycle, with cleanup that also runs if the test fails or the process exits --------

const lxcfs = new Lxcfs()
let dir: string | null = null
const cgroupsMade: string[] = []

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

// Last resort if the runner dies mid-test: synchronous only.
onExit(() => {
  lxcfs.killNow()
  removeCgroups()
})

test.after(async () => {
  await lxcfs.stop()
  removeCgroups()
})

async function startLxcfs(): Promise<string> {
  const mnt = await lxcfs.start('/tmp/gvviews-lxcfs-')
  dir = lxcfs.dir
  return mnt
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
    ? ['set -e', bindLxcfs, 'set +e', cmds, `for f in ${LXCFS_FILES.join(' ')}; do umount "/$f"; done`].join('\n')
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

/** OUT/<command>.json, written by `guestview <command> --json`, checked against the command's schema. */
const readJson = (p: string) => checkJson(readFileSync(p, 'utf8'), [basename(p, '.json'), '--json'], p)

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
