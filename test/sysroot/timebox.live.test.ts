// Issue 13 item 4, "time-box every read", with a real hang: real lxcfs, stopped with SIGSTOP by its PID, so
// every read from its FUSE mount waits for a daemon that does not answer (Documentation/filesystems/fuse.rst).
//   - a tree (a fixture copied to a temporary directory) with lxcfs's meminfo, stat, uptime and loadavg bound
//     over its files, read with --root: `owns`, `owns --json`, `views --json` and `report --json` finish,
//     exit 0, print nothing on stderr, and show those values unknown with the time-out as the reason;
//   - this machine (--root /) in a private mount namespace with lxcfs's stat, uptime, loadavg, diskstats,
//     swaps, cpuinfo and cpu/online bound over the real ones. Not meminfo: Node itself reads /proc/meminfo
//     while starting (libuv's total-memory probe for heap sizing), so a hung lxcfs meminfo stops `node`
//     before any of our code runs; nothing in guestview can time-box that (README "Security").
//   - in this process: the time-out, "that filesystem hung already", and the run's budget, on one hung file.
// On main before the time box every command hung: each runs under `timeout -k 2 25` (killed by its PID), so
// the test fails instead of hanging. Cleanup: SIGCONT and SIGTERM to lxcfs by its PID, binds live only in
// the private mount namespaces (and are unmounted there), the temporary directory is removed.
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {READ_TIMEOUT_MS, RUN_BUDGET_MS, readTimeBoxed, resetTimeBox} from '../../src/sysroot/timebox.js'
import {readText, run, which} from '../helpers/live.js'
import {Lxcfs, lxcfsBlocker} from '../helpers/lxcfs.js'
import {BIN, FIXTURES} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {onExit} from '../helpers/on-exit.js'

const TREE_FILES = ['proc/meminfo', 'proc/stat', 'proc/uptime', 'proc/loadavg']
const LIVE_FILES = [
  'proc/stat',
  'proc/uptime',
  'proc/loadavg',
  'proc/diskstats',
  'proc/swaps',
  'proc/cpuinfo',
  'sys/devices/system/cpu/online',
]
/** Start-up on a loaded 2-CPU VM (seconds) plus the run's whole budget: a run that takes longer hung. */
const BOUND_MS = RUN_BUDGET_MS + 10_000

/**
 * Wait until every thread of `pid` is stopped. A request that a lxcfs thread takes off /dev/fuse in the moment
 * before SIGSTOP lands is "in userspace": its reader then waits uninterruptibly, SIGKILL or not
 * (fs/fuse/dev.c, request_wait_answer), which is the case the time box cannot cover (README "Security").
 */
function stoppedEverywhere(pid: number): void {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    const tasks = readdirSync(`/proc/${pid}/task`)
    const states = tasks.map((t) => (readText(`/proc/${pid}/task/${t}/stat`) ?? '').replace(/^.*\) /s, '')[0])
    if (states.every((st) => st === 'T' || st === 't')) return
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)
  }
  throw new Error(`lxcfs (${pid}) did not stop within 5 s`)
}

function blocker(): string | null {
  const why = lxcfsBlocker() // built, root, util-linux, /dev/fuse, lxcfs (installed with apt-get if missing)
  if (why) return why
  if (!which('timeout')) return 'timeout (coreutils) is not installed'
  if (!which('dd') || !which('readlink')) return 'coreutils dd/readlink are not installed'
  return null
}

// lxcfs as the other live tests run it (test/helpers/lxcfs.ts), without --enable-cfs as before, and given 8 s
// to exit after SIGTERM (it is SIGSTOPped and SIGCONTed here).
const lxcfs = new Lxcfs({cfs: false, stopWaitMs: 8000})
let dir: string | null = null

onExit(() => lxcfs.killNow())

test.after(async () => {
  resetTimeBox()
  await lxcfs.stop() // its directory (dir) too, once nothing is mounted there
  dir = null
})

async function startLxcfs(): Promise<string> {
  const mnt = await lxcfs.start('/tmp/gvtimebox-')
  dir = lxcfs.dir
  return mnt
}

type Result = {rc: number; ms: number; stdout: string; stderr: string}
const COMMANDS: [string, string[]][] = [
  ['owns-json', ['owns', '--json']],
  ['owns', ['owns', '--no-color']],
  ['views', ['views', '--json']],
  ['report', ['report', '--json']],
]

/**
 * In a private mount namespace: bind lxcfs's files over `target`'s, stop lxcfs (by its PID), run each
 * command under `timeout` (killed by its PID after 25 s), let lxcfs go on, unmount. Results by name.
 */
function runHung(name: string, mnt: string, files: string[], target: string, rootArgs: string[]) {
  const out = join(dir!, name)
  mkdirSync(out)
  const pid = lxcfs.pid!
  const lines = [
    'set -e',
    `for f in ${files.join(' ')}; do mount --bind "${mnt}/$f" "${target}/$f"; done`,
    'set +e',
    // Then wait until it has stopped: no request may be taken off /dev/fuse after this (see stoppedEverywhere).
    `kill -STOP ${pid}`,
    `while grep -qv '^[^)]*) [Tt]' /proc/${pid}/task/*/stat; do sleep 0.05; done`,
    ...COMMANDS.map(
      ([c, args]) =>
        `s=$(date +%s%N); timeout -k 2 25 "${process.execPath}" "${BIN}" ${args.join(' ')} ${rootArgs.join(' ')} >"${out}/${c}.out" 2>"${out}/${c}.err"; ` +
        `echo "$? $(( ($(date +%s%N) - s) / 1000000 ))" >"${out}/${c}.rc"`,
    ),
    `kill -CONT ${pid}`,
    `for f in ${files.join(' ')}; do umount "${target}/$f"; done`,
  ]
  writeFileSync(join(out, 'run.sh'), lines.join('\n') + '\n')
  const r = run('unshare', ['-m', '--propagation', 'private', 'sh', join(out, 'run.sh')], {timeoutMs: 150_000})
  lxcfs.signal('SIGCONT')
  assert.is(r.status, 0, `${name}: ${r.stderr}`)
  const results: Record<string, Result> = {}
  for (const [c] of COMMANDS) {
    const [rc, ms] = readFileSync(join(out, `${c}.rc`), 'utf8')
      .trim()
      .split(' ')
      .map(Number)
    const text = (ext: string) => readFileSync(join(out, `${c}.${ext}`), 'utf8')
    results[c] = {rc: rc!, ms: ms!, stdout: text('out'), stderr: text('err')}
  }
  return results
}

const HUNG =
  /read timed out after 2 s \(the fuse\.lxcfs mount at \S+ did not answer|did not answer a read of \S+ earlier in this run/

function assertFinished(results: Record<string, Result>): void {
  for (const [c, r] of Object.entries(results)) {
    assert.is(r.rc, 0, `${c}: exit ${r.rc} after ${r.ms} ms (124/137: it hung and timeout killed it); ${r.stderr}`)
    assert.ok(r.ms < BOUND_MS, `${c} took ${r.ms} ms`)
    assert.is(r.stderr, '', `${c} printed on stderr`)
  }
}

const viewsOf = (r: Result): {source: string; scope: string; evidence: string}[] =>
  checkJson(r.stdout, ['views', '--json'], 'views').views

const why = blocker()
if (why) skip(test, 'time-boxed reads on a stopped lxcfs', why)
else {
  test('a tree with a stopped lxcfs bound over its meminfo, stat, uptime, loadavg: every command finishes, those values unknown with the time-out as reason', async () => {
    const mnt = await startLxcfs()
    const tree = join(dir!, 'tree')
    cpSync(join(FIXTURES, 'docker-v2-private', 'root'), tree, {recursive: true})
    for (const f of TREE_FILES) if (!existsSync(join(tree, f))) writeFileSync(join(tree, f), '')
    const results = runHung('tree-run', mnt, TREE_FILES, tree, ['--root', tree])
    assertFinished(results)

    const owns = checkJson(results['owns-json']!.stdout, ['owns', '--json'], 'owns')
    assert.is(owns.host.memTotalBytes, null)
    const report = checkJson(results.report!.stdout, ['report', '--json'], 'report')
    const mem = report.debug.unknown['host.memTotalBytes']
    assert.is(mem.kind, 'malformed')
    assert.match(mem.reason, /^\/proc\/meminfo: /)
    assert.match(mem.reason, HUNG)
    for (const f of TREE_FILES) {
      const v = viewsOf(results.views!).find((x) => x.source === `/${f}`)!
      assert.is(v.scope, 'unavailable', `/${f}: ${v.evidence}`)
      assert.match(v.evidence, HUNG)
    }
    // The cgroup's own files are not on the hung mount: still read (the owns screen shows no host MemTotal).
    assert.match(results.owns!.stdout, /limit +1 GiB/)
    assert.is(owns.memory.limit.value, 1 << 30)
  })

  test('this machine in a private mount namespace, stopped lxcfs over /proc/stat, uptime, loadavg...: every command finishes, those views unknown with the reason', () => {
    const results = runHung('live-run', join(dir!, 'mnt'), LIVE_FILES, '', [])
    assertFinished(results)
    for (const f of LIVE_FILES) {
      const v = viewsOf(results.views!).find((x) => x.source === `/${f}`)
      if (!v) continue // not every file bound here is a view
      assert.is(v.scope, 'unavailable', `/${f}: ${v.evidence}`)
      assert.match(v.evidence, HUNG)
    }
    const unknown: {reason: string}[] = Object.values(
      checkJson(results.report!.stdout, ['report', '--json'], 'report').debug.unknown,
    )
    assert.ok(
      unknown.some((u) => HUNG.test(u.reason)),
      JSON.stringify(unknown),
    )
  })

  test('in process: one time-out per hung filesystem, and a budget for the run', () => {
    const file = join(dir!, 'mnt', 'proc', 'uptime')
    const mount = (device: string) => ({mountPoint: join(dir!, 'mnt'), fsType: 'fuse.lxcfs', device})
    resetTimeBox()
    lxcfs.signal('SIGSTOP')
    stoppedEverywhere(lxcfs.pid!)
    try {
      const timed = (device: string) => {
        const t0 = Date.now()
        const r = readTimeBoxed('/proc/uptime', file, 4096, false, mount(device))
        return {ms: Date.now() - t0, reason: 'reason' in r ? r.reason : `value ${r.kind}`}
      }
      const first = timed('0:1')
      assert.ok(first.ms >= READ_TIMEOUT_MS - 50 && first.ms < READ_TIMEOUT_MS + 3000, `${first.ms} ms`)
      assert.match(first.reason, /read timed out after 2 s/)
      const again = timed('0:1')
      assert.ok(again.ms < 500, `the same filesystem again: ${again.ms} ms`)
      assert.match(again.reason, /did not answer a read of \/proc\/uptime earlier in this run/)
      // Other filesystems: time-outs until the run's budget is spent, then no attempt at all.
      const rest = ['0:2', '0:3', '0:4', '0:5'].map(timed)
      const total = first.ms + rest.reduce((s, r) => s + r.ms, 0)
      assert.ok(total < RUN_BUDGET_MS + 3000, `all time-outs together: ${total} ms`)
      assert.match(rest.at(-1)!.reason, /reads that hung used up this run's 5 s/)
    } finally {
      lxcfs.signal('SIGCONT')
      resetTimeBox()
    }
  })
}

test.run()
