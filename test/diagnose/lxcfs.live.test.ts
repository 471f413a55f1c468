// `diagnose` under real lxcfs (issue 12 item 5): lxcfs's /proc/stat counts the container's own use as
// "busy" and the rest of its CPUs as idle, so the host's idle CPU and the other tenants' use cannot be read
// from it. Three busy loops share a cpu cgroup without a quota (2 CPUs: they preempt one another, so
// nonvoluntary switches rise and the tree reaches "host has idle CPU?"). Without lxcfs that step is
// answered from the kernel's /proc/stat; with lxcfs's files bind-mounted (unshare -m) it must answer
// unknown, with the reason, and no host figure may be taken from it. The loops are killed by PID (and
// checked gone: the cgroup is empty), lxcfs is stopped by its PID, the cgroup is removed.
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {run} from '../helpers/live.js'
import {bindLxcfs, Lxcfs, lxcfsBlocker, LXCFS_FILES, mountedUnder} from '../helpers/lxcfs.js'
import {BIN} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {onExit} from '../helpers/on-exit.js'

const CPU_CG = `/sys/fs/cgroup/cpu/gvdiag-lxcfs-${process.pid}`
const LOOPS = 3
const lxcfs = new Lxcfs()
const loops: ChildProcess[] = []
let cgroupMade = false

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Each loop is `timeout 60 sh -c ...`: the PID we hold is timeout's, and the busy shell is its child.
// SIGTERM, which timeout passes on to its child; a SIGKILL would orphan the shell, spinning for ever
// (three such loops survived every run of this file until this was found). What is still in the
// cgroup after that is killed by the PIDs its cgroup.procs lists: only this test's processes are there.
function killLoops(): void {
  for (const l of loops.splice(0)) if (l.exitCode === null && l.signalCode === null) l.kill('SIGTERM') // by PID
}

function killCgroupMembers(): void {
  let pids: string[]
  try {
    pids = readFileSync(join(CPU_CG, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)
  } catch {
    return
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // gone already
    }
  }
}

async function removeCgroup(): Promise<void> {
  if (!cgroupMade) return
  for (let i = 0; i < 50; i++) {
    try {
      rmdirSync(CPU_CG)
      cgroupMade = false
      return
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return void (cgroupMade = false)
      if (i === 10) killCgroupMembers() // a second after SIGTERM
      await sleep(100) // EBUSY until the loops have been reaped
    }
  }
}

onExit(() => {
  for (const l of loops) if (l.pid && l.exitCode === null) l.kill('SIGTERM')
  if (cgroupMade) killCgroupMembers()
  lxcfs.killNow()
})

test.after(async () => {
  killLoops()
  await lxcfs.stop()
  await removeCgroup()
})

/** A busy loop in CPU_CG (joined before exec), bounded by `timeout` in case this process dies. */
function startLoop(): ChildProcess {
  const l = spawn('sh', ['-c', `echo $$ > ${CPU_CG}/cgroup.procs && exec timeout 60 sh -c 'while :; do :; done'`], {
    stdio: 'ignore',
  })
  loops.push(l)
  return l
}

/** `diagnose --json` in CPU_CG, with lxcfs's files bound over /proc and /sys in a private mount namespace or not. */
function diagnoseIn(lxcfsMnt: string | null): any {
  const cmd = `"${process.execPath}" "${BIN}" diagnose --json --interval 1.5`
  const inner = lxcfsMnt ? `set -e; ${bindLxcfs}; set +e; ${cmd}` : cmd
  const outer = `echo $$ > ${CPU_CG}/cgroup.procs || exit 97; ${
    lxcfsMnt ? `exec unshare -m --propagation private sh -c '${inner}'` : `exec sh -c '${inner}'`
  }`
  const r = run('sh', ['-c', outer], {timeoutMs: 60_000, env: lxcfsMnt ? {LX: lxcfsMnt} : {}})
  assert.is(r.status, 0, `diagnose exited ${r.status ?? r.signal}: ${r.stderr}`)
  return checkJson(r.stdout, ['diagnose', '--json'], 'diagnose --json')
}

const why =
  lxcfsBlocker() ??
  (existsSync('/sys/fs/cgroup/cpu/cgroup.procs')
    ? null
    : "needs the cgroup v1 cpu hierarchy at /sys/fs/cgroup/cpu (the test VMs' hybrid layout)")
if (why) skip(test, 'diagnose under real lxcfs', why)
else {
  test('diagnose under real lxcfs: "host has idle CPU?" is unknown with the reason, and no host figure is shown (issue 12 item 5)', async () => {
    mkdirSync(CPU_CG)
    cgroupMade = true
    writeFileSync(join(CPU_CG, 'cpu.cfs_quota_us'), '-1') // no quota: throttling stays flat
    const mnt = await lxcfs.start('/tmp/gvdiag-lxcfs-')
    for (let i = 0; i < LOOPS; i++) startLoop()
    for (let i = 0; i < 50 && readFileSync(join(CPU_CG, 'cgroup.procs'), 'utf8').trim().split('\n').length < LOOPS; i++)
      await sleep(100)

    // Control: the kernel's /proc/stat answers the third question.
    const plain = diagnoseIn(null)
    const plainPath = plain.verdict.path as {question: string; answer: string; detail: string}[]
    assert.equal(
      plainPath.slice(0, 2).map((s) => s.answer),
      ['no', 'yes'],
      `the loops preempt one another: ${JSON.stringify(plainPath)}`,
    )
    assert.is(plainPath[2]?.question, 'host has idle CPU?')
    assert.ok(['yes', 'no'].includes(plainPath[2]!.answer), JSON.stringify(plainPath[2]))
    assert.is(plain.deltas.host.notHostWide, null)
    assert.ok(plain.verdict.evidence.hostBusyCores !== null, 'host busy is read from the kernel')

    const lx = diagnoseIn(mnt)
    for (const f of LXCFS_FILES) assert.equal(mountedUnder(`/${f}`), [], `/${f} still mounted here`)
    const path = lx.verdict.path as {question: string; answer: string; detail: string}[]
    assert.equal(
      path.map((s) => s.answer),
      ['no', 'yes', 'unknown'],
      JSON.stringify(path),
    )
    assert.is(path[2]!.question, 'host has idle CPU?')
    assert.match(path[2]!.detail, /\/proc\/stat is lxcfs's view of this container .*fuse\.lxcfs/)
    assert.is(lx.verdict.id, 'unknown')
    assert.match(lx.deltas.host.notHostWide, /lxcfs/)
    const e = lx.verdict.evidence
    assert.equal(
      [e.hostBusyCores, e.hostIdleCores, e.hostStealCores, e.hostCpus, e.otherTenantsCores],
      [null, null, null, null, null],
      JSON.stringify(e),
    )
    // The raw /proc/stat deltas are kept (the screen labels them lxcfs's), and they are lxcfs's: they read.
    assert.is(lx.deltas.host.busySeconds.source, '/proc/stat')
  })
}

test.run()
