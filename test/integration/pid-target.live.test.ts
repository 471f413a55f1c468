// `--pid` on real cgroup v1 of this VM, no container (issue 8): a process in a test cgroup with known
// limits is described through /proc/PID/..., from our cgroup namespace and from a private one where the
// target lies outside it (/proc/PID/cgroup then reads "/../gvtest-..."); `capture --pid` then `--root`
// replays it; a target that exits during the report, bad PIDs and a ptrace-denied PID are one line, exit 2.
//
// Needs root and writable v1 controllers (made and removed here); otherwise each test is skipped with why.
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {FullReport} from '../../src/report/full.js'
import {
  cgroupV1Unavailable,
  cleanupOnExit,
  commandExists,
  inCgroups,
  inPrivateNamespace,
  TestCgroups,
} from '../helpers/cgroups.js'
import {contractView} from '../helpers/contract.js'
import {built, cli, cliUnder, parseJson, run, type Ran} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {publicCopy} from '../helpers/public-copy.js'
import {skip} from '../helpers/skip.js'

const MiB = 1024 * 1024
const cg = new TestCgroups()
const tmp = mkdtempSync(join(tmpdir(), 'gv-pid-'))
const reason = !built() ? 'the CLI is not built (npm run build)' : cgroupV1Unavailable()
const targets = new Set<ChildProcess>()

function killTargets(): void {
  for (const c of targets) if (c.pid !== undefined && c.exitCode === null) process.kill(c.pid, 'SIGKILL')
  targets.clear()
}
// The targets go first (a cgroup with a task in it cannot be removed), then the cgroups and the temp dir.
test.after(async () => {
  const waits = [...targets].filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r)))
  killTargets()
  await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 3000))])
})
cleanupOnExit(test, cg, () => {
  killTargets()
  rmSync(tmp, {recursive: true, force: true})
})

function cgTest(name: string, fn: () => Promise<void> | void, needs: string[] = []): void {
  const missing = needs.find((c) => !commandExists(c))
  const why = reason ?? (missing ? `\`${missing}\` is not installed` : null)
  if (why) skip(test, `--pid: ${name}`, why)
  else test(`--pid: ${name}`, fn)
}

/** Start argv in the background (bounded: killed by PID in the after-hook); resolves once it has exec'd. */
async function start(argv: string[], comm: string): Promise<number> {
  const child = spawn(argv[0]!, argv.slice(1), {stdio: 'ignore'})
  targets.add(child)
  const pid = child.pid
  if (pid === undefined) throw new Error(`cannot start ${argv.join(' ')}`)
  // The shell joins the cgroups, then execs: wait until the PID runs `comm` (or, via unshare, has a child that does).
  for (let i = 0; i < 200; i++) {
    const found = processRunning(pid, comm)
    if (found !== null) return found
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${argv.join(' ')} never ran ${comm}`)
}

function processRunning(pid: number, comm: string): number | null {
  // A process may exit between the check and the read (an intermediate shell exec-ing): gone reads as ''.
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8').trim()
    } catch {
      return ''
    }
  }
  if (read(`/proc/${pid}/comm`) === comm) return pid
  for (const child of read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean)) {
    const found = processRunning(Number(child), comm)
    if (found !== null) return found
  }
  return null
}

const stderrLines = (r: Ran) => r.stderr.split('\n').filter((l) => l.trim() !== '')
const oneLineExit2 = (r: Ran, what: RegExp) => {
  assert.is(r.status, 2, `exit ${r.status}: ${r.stderr}${r.stdout}`)
  assert.is(stderrLines(r).length, 1, r.stderr)
  assert.match(r.stderr, what)
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace')
  assert.is(r.stdout, '', 'nothing half-printed')
}

const LIMITS = {quotaUs: 30_000, periodUs: 100_000, memoryBytes: 96 * MiB, pidsMax: 20}
let rel = ''
let pid = 0

const ownsLimits = (r: FullReport) => {
  assert.is(r.cpu.limit.state, 'limited', JSON.stringify(r.cpu.limit))
  assert.is(r.cpu.limit.value, 0.3)
  assert.is(r.memory.limit.value, 96 * MiB)
  assert.is(r.pids.limit.value, 20)
  assert.ok(r.pids.current !== null && r.pids.current >= 1, `pids.current ${r.pids.current}`)
}

cgTest('a process in a cgroup with known limits: its quota, memory and pids limits, and who it is', async () => {
  rel = cg.create(cg.name(), LIMITS)
  pid = await start(inCgroups(cg.procsFiles(rel), ['sleep', '300']), 'sleep')
  const r = cli(['owns', '--json', '--pid', String(pid)])
  const report = parseJson<FullReport>(r, 'owns --pid')
  assert.is(r.status, 0, r.stderr)
  ownsLimits(report)
  assert.match(report.cpu.limit.source ?? '', `/sys/fs/cgroup/cpu/${rel}/cpu.cfs_quota_us`)
  assert.is(report.cgroup.path, `/${rel}`)
  assert.is(report.target.pid, pid)
  assert.is(report.target.self, false)
  assert.is(report.target.comm, 'sleep')
  assert.is(report.target.cmdline, 'sleep 300')
  assert.is(report.target.sameContainer, false, report.target.evidence)
  // The text screens say whose report it is, on the line under the title.
  const text = cli(['owns', '--pid', String(pid)])
  assert.is(text.status, 0, text.stderr)
  assert.match(text.stdout, new RegExp(`PID ${pid}.*sleep`))
})

cgTest('the command first or the flags first: `guestview --pid P owns --json` is the same report', () => {
  const a = parseJson<FullReport>(cli(['--pid', String(pid), 'owns', '--json']), '--pid P owns')
  const b = parseJson<FullReport>(cli(['owns', '--json', '--pid', String(pid)]), 'owns --pid P')
  assert.equal(a.target, b.target)
  assert.equal(contractView(a).cpu.limit, contractView(b).cpu.limit)
})

cgTest('capture --pid, then --root replays the target exactly (and --root with --pid agrees)', () => {
  const dir = join(tmp, 'capture')
  const c = cli(['capture', dir, '--pid', String(pid)], {timeoutMs: 30_000})
  assert.is(c.status, 0, c.stderr + c.stdout)
  assert.match(c.stdout, /replay check: `--root` on it gives the same report/)
  assert.ok(existsSync(join(dir, `proc/${pid}/cgroup`)), 'the tree holds /proc/PID')
  assert.ok(existsSync(join(dir, `proc/${pid}/root/sys/fs/cgroup/cpu/${rel}/cpu.cfs_quota_us`)), '... and its root')
  const live = parseJson<FullReport>(cli(['report', '--json', '--pid', String(pid)]), 'live')
  const replay = parseJson<FullReport>(cli(['report', '--json', '--root', dir]), 'replay')
  const again = parseJson<FullReport>(cli(['report', '--json', '--root', dir, '--pid', String(pid)]), 'replay --pid')
  ownsLimits(replay)
  assert.equal(replay.target, live.target, 'the capture remembers its target')
  const {id: _a, collectedAt: _b, ...r1} = replay
  const {id: _c, collectedAt: _d, ...r2} = again
  assert.equal(r1, r2)
  // The limits and the cgroup do not change between the two reads (usage may: page cache, the kernel's).
  const stable = (r: FullReport) => {
    const v = contractView(r)
    return {cgroup: v.cgroup, cpu: v.cpu.limit, quotaUs: v.cpu.quotaUs, memory: v.memory.limit, pids: v.pids.limit}
  }
  assert.equal(stable(replay), stable(live))
})

cgTest(
  "from a private cgroup namespace, a target outside it (/proc/PID/cgroup reads '/../gvtest-…')",
  () => {
    const ours = cg.create(cg.name())
    const argv = [
      ...inCgroups(cg.procsFiles(ours), inPrivateNamespace([process.execPath, 'bin/run.js'])),
      'owns',
      '--json',
      '--pid',
      String(pid),
    ]
    const r = run(argv[0]!, argv.slice(1))
    const report = parseJson<FullReport>(r, 'owns --pid from a private cgroupns')
    assert.is(r.status, 0, r.stderr)
    ownsLimits(report)
    assert.match(report.cpu.limit.source ?? '', `/sys/fs/cgroup/cpu/${rel}/cpu.cfs_quota_us`)
    assert.is(report.cgroup.namespace, 'host', 'the target is in the host cgroup namespace')
    assert.is(report.target.sameContainer, false)
  },
  ['unshare'],
)

cgTest(
  'a target in its own private cgroup namespace and mount namespace',
  async () => {
    const inner = cg.create(cg.name(), {quotaUs: 50_000, periodUs: 100_000, memoryBytes: 64 * MiB})
    const p = await start(inCgroups(cg.procsFiles(inner), inPrivateNamespace(['sleep', '300'])), 'sleep')
    const report = parseJson<FullReport>(cli(['owns', '--json', '--pid', String(p)]), 'owns --pid private')
    assert.is(report.cgroup.namespace, 'private', report.cgroup.namespaceEvidence)
    // /proc/PID/cgroup as our cgroup namespace shows it: the full path, where the target itself sees "/".
    assert.is(report.cgroup.path, `/${inner}`)
    assert.is(report.cpu.limit.value, 0.5)
    assert.is(report.memory.limit.value, 64 * MiB)
    assert.match(report.target.evidence, /another cgroup|mount namespace/)
  },
  ['unshare'],
)

cgTest('bad --pid values and an invisible PID: exit 2, one line, nothing on stdout', () => {
  for (const v of ['0', '-1', 'abc', '99999999999', '4194305'])
    oneLineExit2(cli(['owns', `--pid=${v}`]), new RegExp(`--pid "?${v}"?: `))
  const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
  let free = pidMax - 1
  while (existsSync(`/proc/${free}`)) free--
  oneLineExit2(cli(['views', '--pid', String(free)]), new RegExp(`no process ${free} is visible here`))
  oneLineExit2(cli(['owns', '--pid', String(pid), '--pid-of', 'sleep']), /give one of them/)
  const json = cli(['owns', '--json', '--pid', '0'])
  assert.is(json.status, 2)
  assert.match(parseJson<{error: {message: string}}>(json, '--json error').error.message, /--pid 0/)
})

cgTest('a target that exits before or during the report: a report or one line, never a stack trace', () => {
  const outcomes = {report: 0, gone: 0}
  // Some exit at once (gone before the report starts, or a zombie as it reads), others mid-report or after: a
  // report now takes ~0.1 s, so a 0.1 s sleep alone no longer makes sure that any of them is gone.
  for (let i = 0; i < 12; i++) {
    const child = spawn('sleep', [['0', '0.1', '0.3', '0.5'][i % 4]!], {stdio: 'ignore'})
    targets.add(child)
    const r = cli(['report', '--json', '--pid', String(child.pid)])
    if (r.status === 0) {
      assert.is(parseJson<FullReport>(r, 'report').target.pid, child.pid)
      outcomes.report++
    } else {
      assert.is(r.status, 2, `exit ${r.status}: ${r.stderr}`)
      assert.not.match(r.stderr, /\n\s+at /, 'no stack trace')
      const message = parseJson<{error: {message: string}}>(r, '--json error').error.message
      assert.match(message, /^--pid \d+: (no process \d+ is visible|the process exited while)/, message)
      outcomes.gone++
    }
  }
  console.log(`  --pid of short-lived processes: ${outcomes.report} reports, ${outcomes.gone} one-line exits`)
  assert.ok(outcomes.gone > 0, 'some of them exited before the report ended')
})

cgTest(
  'uid 65534 without CAP_SYS_PTRACE against a root process: the cause and the fixes, exit 2; the same uid works',
  async () => {
    const drop = [
      'setpriv',
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
    ]
    // uid 65534 runs a world-readable copy of the single file: the checkout may sit where it cannot go (issue 14).
    const copy = publicCopy([join(REPO, 'dist', 'guestview.mjs')])
    try {
      const bin = copy.path('guestview.mjs')
      const denied = cliUnder(drop, ['owns', '--pid', String(pid)], {bin})
      oneLineExit2(denied, /permission denied reading \/proc\/\d+\/root/)
      assert.match(denied.stderr, /runs as uid 0 and guestview as uid 65534, without CAP_SYS_PTRACE/)
      assert.match(denied.stderr, /runAsUser/)
      assert.match(denied.stderr, /kubectl debug --profile=general/)
      const same = await start(inCgroups(cg.procsFiles(rel), [...drop, 'sleep', '300']), 'sleep')
      const ok = cliUnder(drop, ['owns', '--json', '--pid', String(same)], {bin})
      assert.is(ok.status, 0, ok.stderr)
      ownsLimits(parseJson<FullReport>(ok, 'same uid'))
    } finally {
      copy.remove()
    }
  },
  ['setpriv'],
)

test.run()
