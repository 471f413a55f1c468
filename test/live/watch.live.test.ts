// `guestview watch` as a user runs it, on real cgroups (v1 here) and a real pseudo-terminal:
//  - on a pty (test/helpers/pty.py: 80x24, the program's controlling terminal) inside a cgroup capped at
//    0.2 cores beside a busy loop, the live screen shows the quota and a throttled share above 0; `q` exits 0
//    and the terminal is left as found (ICANON and ECHO back on, the cursor shown again);
//  - `p` pauses and `q` quits from the pause;
//  - `watch --json` into a pipe is NDJSON, one object per interval, with increasing timestamps;
//  - a cgroup removed mid-watch ends it with one clear line on stderr and exit 1, not a crash;
//  - under the official Node 22 and 24, an open-ended watch at an interval under 1 s starts itself again in
//    place (same PID) with the V8 options serve uses (src/live/start-settings.ts), and still quits clean on a
//    pty; at the default interval, with --count and with GUESTVIEW_WATCH_RESTART=0 it runs as started.
// Every child is bounded by a timeout and killed by its PID; the cgroups are removed afterwards.
import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {
  CG_ROOT,
  cgroupV1Unavailable,
  cleanupOnExit,
  commandExists,
  CONTROLLERS,
  inCgroups,
  rmdirRetrySync,
  run,
  TestCgroups,
} from '../helpers/cgroups.js'
import {officialNode} from '../helpers/node-versions.js'
import {BIN, REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'
import {startNodeOptions} from '../../src/live/start-settings.js'

const cg = new TestCgroups()
cleanupOnExit(test, cg)

const noPty = !commandExists('python3') ? 'python3 is not installed: no pseudo-terminal harness' : null
const noCgroups = cgroupV1Unavailable()
const PTY = join(REPO, 'test', 'helpers', 'pty.py')

type PtyRun = {
  exit: number | null
  signal: number | null
  timedOut: boolean
  stepsDone: number
  output: string
  restored: boolean
}

/** Run argv on an 80x24 pty; each step waits for its pattern on the screen so far, then sends its keys. */
async function onPty(argv: string[], steps: {waitFor: string; send: string}[], timeoutS = 60): Promise<PtyRun> {
  const spec = {
    argv,
    cols: 80,
    rows: 24,
    timeoutS,
    steps,
    env: {TERM: 'xterm-256color', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    // A user's terminal has none of these; the test runner sets NO_COLOR, and CI turns colour off.
    unsetEnv: ['NO_COLOR', 'FORCE_COLOR', 'CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS'],
  }
  const r = await run(['python3', PTY, JSON.stringify(spec)], {timeoutMs: (timeoutS + 15) * 1000, cwd: REPO})
  assert.is(r.code, 0, `pty harness: ${r.stderr}`)
  // eslint-disable-next-line no-restricted-syntax -- the pty harness's own report, not guestview's
  return JSON.parse(r.stdout) as PtyRun
}

const strip = (s: string) => s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g, '').replace(/\r/g, '')

function quitClean(r: PtyRun, what: string): void {
  const tail = strip(r.output).slice(-1500)
  assert.is(r.timedOut, false, `${what}: timed out after ${r.stepsDone} steps; screen:\n${tail}`)
  assert.is(r.exit, 0, `${what}: exit ${r.exit} signal ${r.signal}; screen:\n${tail}`)
  assert.ok(r.restored, `${what}: the terminal was left in raw mode (no ICANON/ECHO)`)
  const hid = r.output.lastIndexOf('\u001b[?25l')
  if (hid >= 0) assert.ok(r.output.lastIndexOf('\u001b[?25h') > hid, `${what}: the cursor was left hidden`)
}

const THROTTLED =
  'on a pty in a cgroup capped at 0.2 cores beside a busy loop: the quota and a throttled share above 0; q exits 0, terminal restored'
if (noPty ?? noCgroups) skip(test, THROTTLED, (noPty ?? noCgroups)!)
else
  test(THROTTLED, async () => {
    const P = cg.create(cg.name(), {quotaUs: 20_000, periodUs: 100_000})
    const busy = cg.create(`${P}/busy`, {shares: 2})
    const watchCg = cg.create(`${P}/watch`, {shares: 1024})
    const loop = run(inCgroups(cg.procsFiles(busy), ['sh', '-c', 'while :; do :; done']), {timeoutMs: 120_000})
    try {
      const r = await onPty(inCgroups(cg.procsFiles(watchCg), [process.execPath, BIN, 'watch', '--interval', '1']), [
        {waitFor: 'throttled +[1-9][0-9.]*% of periods', send: 'q'},
      ])
      quitClean(r, 'watch q')
      assert.match(r.output, /\u001b\[/, 'no escape codes: the screen did not go through Ink')
      const screen = strip(r.output)
      assert.match(screen, /CPU +\S* ?[\d.]+ (cores|m?cores) of 0\.2 cores/, screen.slice(-1500))
      assert.match(screen, /throttled +[1-9][\d.]*% of periods, [\d.]+ s\/s/)
      assert.match(screen, /q quits, p pauses/)
    } finally {
      for (const pid of cg.read('cpu', busy, 'cgroup.procs').split('\n').filter(Boolean).map(Number))
        process.kill(pid, 'SIGKILL')
      await loop
    }
  })

const PAUSE = 'on a pty: p pauses (the screen says so), q quits from the pause with exit 0, terminal restored'
if (noPty) skip(test, PAUSE, noPty)
else
  test(PAUSE, async () => {
    const r = await onPty(
      [process.execPath, BIN, 'watch', '--interval', '0.5'],
      [
        {waitFor: 'USE: utilization', send: 'p'},
        {waitFor: 'PAUSED: p resumes, q quits', send: 'q'},
      ],
    )
    quitClean(r, 'watch p q')
    assert.is(r.stepsDone, 2)
  })

const NDJSON = '--json into a pipe: one JSON object per interval, timestamps increasing, rates of that interval'
test(NDJSON, async () => {
  const r = await run([process.execPath, BIN, 'watch', '--json', '--interval', '0.3', '--count', '4'], {
    timeoutMs: 60_000,
    cwd: REPO,
  })
  assert.is(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  assert.is(lines.length, 4, r.stdout)
  const frames = lines.map((l) => JSON.parse(l) as {at: string; elapsedSeconds: number; containers: unknown[]})
  for (let i = 1; i < frames.length; i++) assert.ok(Date.parse(frames[i]!.at) > Date.parse(frames[i - 1]!.at))
  for (const f of frames) {
    assert.ok(f.elapsedSeconds > 0 && f.elapsedSeconds < 30, String(f.elapsedSeconds))
    assert.is(f.containers.length, 1)
    assert.not.match(JSON.stringify(f), /NaN|undefined|Infinity/)
  }
})

const REMOVED = 'a cgroup removed mid-watch: one line on stderr naming it, exit 1, no stack trace'
if (noCgroups) skip(test, REMOVED, noCgroups)
else
  test(REMOVED, async () => {
    const C = cg.create(cg.name())
    const argv = inCgroups(cg.procsFiles(C), [process.execPath, BIN, 'watch', '--interval', '1'])
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, NO_COLOR: '1'},
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 60_000)
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
    try {
      // After the first line, move the watcher out (a cgroup with a task cannot be removed) and remove it.
      while (!out.includes('\n') && child.exitCode === null) await new Promise((r) => setTimeout(r, 50))
      for (const c of CONTROLLERS) writeFileSync(join(CG_ROOT, c, 'cgroup.procs'), String(child.pid))
      for (const c of CONTROLLERS) assert.is(rmdirRetrySync(join(CG_ROOT, c, C)), null)
      const code = await done
      assert.is(code, 1, `stdout: ${out}\nstderr: ${err}`)
      const lines = err.trim().split('\n')
      assert.is(lines.length, 1, err)
      assert.match(
        lines[0]!,
        new RegExp(`^guestview watch: self: the cgroup /${C} was removed \\(.*\\); stopped watching$`),
      )
      assert.match(out, new RegExp(`self cpu `))
    } finally {
      clearTimeout(killer)
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
    }
  })

/** The command line of `argv`'s process (by the PID spawned) once it has printed its first line; then killed. */
async function cmdlineAtFirstLine(argv: string[], env: Record<string, string> = {}): Promise<string[]> {
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, ...env},
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const done = new Promise<void>((r) => child.on('close', () => r()))
  const killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 60_000)
  try {
    while (!out.includes('\n') && child.exitCode === null) await new Promise((r) => setTimeout(r, 20))
    assert.ok(out.includes('\n'), `no line before exit ${child.exitCode}: ${err}`)
    return readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').slice(0, -1)
  } finally {
    clearTimeout(killer)
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
    await done
  }
}

for (const major of [22, 24]) {
  const b = officialNode(major)
  const options = startNodeOptions(major)
  const RESTART = `Node ${major}: open-ended at 0.2 s, watch restarts itself in place with ${options.join(' ')}; at 2 s, with --count and with GUESTVIEW_WATCH_RESTART=0 it runs as started`
  const PTY_QUIT = `Node ${major}: restarted on a pty, the screen draws and q exits 0, terminal restored`
  if (!b.ok) {
    skip(test, RESTART, b.reason)
    skip(test, PTY_QUIT, b.reason)
    continue
  }
  test(RESTART, async () => {
    const args = ['watch', '--json', '--interval', '0.2']
    assert.equal(await cmdlineAtFirstLine([b.node, BIN, ...args]), [b.node, ...options, BIN, ...args])
    const counted = [...args, '--count', '50']
    assert.equal(await cmdlineAtFirstLine([b.node, BIN, ...counted]), [b.node, BIN, ...counted])
    const off = {GUESTVIEW_WATCH_RESTART: '0'}
    assert.equal(await cmdlineAtFirstLine([b.node, BIN, ...args], off), [b.node, BIN, ...args])
    const atDefault = ['watch', '--json']
    assert.equal(await cmdlineAtFirstLine([b.node, BIN, ...atDefault]), [b.node, BIN, ...atDefault])
  })
  if (noPty) skip(test, PTY_QUIT, noPty)
  else
    test(PTY_QUIT, async () => {
      const r = await onPty([b.node, BIN, 'watch', '--interval', '0.5'], [{waitFor: 'USE: utilization', send: 'q'}])
      quitClean(r, `Node ${major} watch q`)
    })
}

test.run()
