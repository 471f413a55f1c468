// The delta guard (never negative: backwards counters and reused PIDs are unknown with a reason), and
// snapshots over real sysroot trees: one fresh Sysroot per snapshot, so a file that changes between
// them is seen changed; a static tree gives zero deltas.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {
  computeDeltas,
  deltaOf,
  sampleDeltas,
  snapshot,
  switchesDelta,
  type Counter,
  type Snapshot,
} from '../../src/diagnose/sample.js'
import {fromDeltas} from '../../src/diagnose/report.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const FIXTURE = join(FIXTURES, 'docker-v1-hostns', 'root')
const CPU_DIR = 'sys/fs/cgroup/cpu,cpuacct'
const trees: string[] = []
test.after(() => {
  for (const t of trees) rmSync(t, {recursive: true, force: true})
})

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gv-diagnose-'))
  trees.push(dir)
  cpSync(FIXTURE, dir, {recursive: true})
  return dir
}
const write = (root: string, rel: string, text: string) => {
  mkdirSync(join(root, rel, '..'), {recursive: true})
  writeFileSync(join(root, rel), text)
}
const status = (nv: number) =>
  `Name:\tx\nState:\tR (running)\nvoluntary_ctxt_switches:\t3\nnonvoluntary_ctxt_switches:\t${nv}\n`
const procStat = (user: number, idle: number, steal = 0) =>
  `cpu  ${user} 0 0 ${idle} 0 0 0 ${steal} 0 0\ncpu0 ${user} 0 0 ${idle} 0 0 0 ${steal} 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\nctxt 1\n`

// --- deltaOf ----------------------------------------------------------------------------------------

const v = (n: number, path: string): Counter => ({kind: 'value', value: n, path})
const u = (path: string, reason: string): Counter => ({kind: 'denied', path, reason})

test('deltaOf: a rising counter gives the delta and its rate', () => {
  assert.equal(deltaOf(v(10, 'f'), v(16, 'f'), 2), {
    before: 10,
    after: 16,
    source: 'f',
    delta: 6,
    perSecond: 3,
  })
  assert.equal(deltaOf(v(7, 'f'), v(7, 'f'), 1).delta, 0)
})

test('deltaOf: a counter that went backwards is unknown with the reason, never negative', () => {
  const d = deltaOf(v(500, 'f'), v(20, 'f'), 1)
  assert.is(d.delta, null)
  assert.is(d.perSecond, null)
  assert.match(d.reason ?? '', /went backwards \(500 -> 20\).*recreated/)
  assert.is(d.before, 500)
  assert.is(d.after, 20)
})

test('deltaOf: an unreadable side is unknown with its problem; a moved source is unknown', () => {
  assert.equal(deltaOf(u('f', 'f: denied'), v(3, 'f'), 1).reason, 'f: denied')
  assert.equal(deltaOf(v(3, 'f'), u('f', 'f: gone'), 1).reason, 'f: gone')
  const moved = deltaOf(v(1, '/a/cpu.stat'), v(2, '/b/cpu.stat'), 1)
  assert.is(moved.delta, null)
  assert.match(moved.reason ?? '', /changed/)
})

test('deltaOf: zero elapsed time gives the delta but no rate', () => {
  assert.equal(deltaOf(v(1, 'f'), v(2, 'f'), 0).perSecond, null)
})

// --- switchesDelta ------------------------------------------------------------------------------------

const tasks = (entries: [number, number][], reason?: string): Snapshot['tasks'] => ({
  switches: new Map(entries),
  listed: entries.length,
  notRead: 0,
  listedAtLeast: false,
  source: 'procs',
  ...(reason ? {reason} : {}),
})

test('switchesDelta: sums PIDs in both snapshots; vanished, new and reused PIDs are counted, not summed', () => {
  const d = switchesDelta(
    tasks([
      [1, 10],
      [2, 100],
      [3, 50],
      [4, 900],
    ]),
    tasks([
      [1, 15],
      [2, 130],
      [4, 2],
      [5, 70],
    ]),
    1,
  )
  // 1: +5, 2: +30; 3 vanished; 4 fell (reused PID); 5 appeared
  assert.is(d.delta, 35)
  assert.is(d.perSecond, 35)
  assert.is(d.pids, 2)
  assert.is(d.gone, 1)
  assert.is(d.appeared, 1)
  assert.is(d.reused, 1)
})

test('switchesDelta: no PID readable in both snapshots, or an unreadable cgroup.procs, is unknown', () => {
  const none = switchesDelta(tasks([[1, 10]]), tasks([[2, 10]]), 1)
  assert.is(none.delta, null)
  assert.match(none.reason ?? '', /no process of the cgroup could be read in both/)
  const denied = switchesDelta(tasks([], 'procs: denied'), tasks([], 'procs: denied'), 1)
  assert.is(denied.delta, null)
  assert.is(denied.reason, 'procs: denied')
})

// --- snapshots over trees -------------------------------------------------------------------------------

test('static tree (--root): two snapshots, every readable delta is zero, and a verdict still comes out', async () => {
  let waited = -1
  const d = await sampleDeltas(FIXTURE, 0.2, (ms) => {
    waited = ms
    return Promise.resolve()
  })
  assert.is(waited, 200)
  assert.is(d.throttling.throttledSeconds.delta, 0)
  assert.is(d.throttling.throttledPeriods.delta, 0)
  assert.is(d.throttling.periods.delta, 0)
  assert.is(d.throttling.periods.source, `/${CPU_DIR}/cpu.stat`)
  assert.is(d.cpuUsageSeconds.delta, 0)
  assert.is(d.nonvoluntarySwitches.delta, null, 'the fixture has no /proc/PID/status')
  const x = fromDeltas(FIXTURE, 0.2, d)
  assert.is(x.verdict.id, 'unknown')
  assert.equal(
    x.verdict.path.map((s) => s.answer),
    ['no', 'unknown'],
  )
  assert.ok(JSON.parse(JSON.stringify(x)).deltas, 'JSON-serialisable')
})

test('fresh Sysroot per snapshot: counters that change between snapshots are seen changed', () => {
  const root = copyFixture()
  write(root, 'proc/stat', procStat(100, 1000))
  for (const [pid, nv] of [
    [1, 10],
    [17, 20],
    [18, 30],
  ] as const)
    write(root, `proc/${pid}/status`, status(nv))
  const a = snapshot(new Sysroot(root), 0)
  write(root, `${CPU_DIR}/cpu.stat`, 'nr_periods 7321\nnr_throttled 410\nthrottled_time 38623456789\n')
  write(root, `${CPU_DIR}/cpuacct.usage`, String(BigInt(readUsage(root)) + 1_000_000_000n))
  write(root, 'proc/stat', procStat(300, 1000, 20))
  write(root, 'proc/1/status', status(510))
  write(root, 'proc/17/status', status(25))
  rmSync(join(root, 'proc/18'), {recursive: true}) // a process that exited: skipped, not an error
  const b = snapshot(new Sysroot(root), 2000)
  const d = computeDeltas(a, b)
  assert.is(d.elapsedSeconds, 2)
  assert.is(d.throttling.periods.delta, 10)
  assert.is(d.throttling.throttledPeriods.delta, 8)
  assert.ok(Math.abs(d.throttling.throttledSeconds.delta! - 0.5) < 1e-9, String(d.throttling.throttledSeconds.delta))
  assert.ok(Math.abs(d.cpuUsageSeconds.delta! - 1) < 1e-9, String(d.cpuUsageSeconds.delta))
  assert.is(d.host.busySeconds.delta, 2)
  assert.is(d.host.busySeconds.perSecond, 1)
  assert.is(d.host.stealSeconds.delta, 0.2)
  assert.is(d.host.idleSeconds.delta, 0)
  assert.is(d.host.cpus, 2)
  assert.is(d.nonvoluntarySwitches.delta, 505)
  assert.is(d.nonvoluntarySwitches.pids, 2)
  assert.is(d.nonvoluntarySwitches.gone, 1)
  const x = fromDeltas(root, 2, d)
  assert.is(x.verdict.id, 'cap-throttled')
  assert.is(x.verdict.evidence.throttledRatio, 0.8)
})

test('a recreated cgroup (cpu.stat counters fell) gives unknown throttling deltas, not negative ones', () => {
  const root = copyFixture()
  const a = snapshot(new Sysroot(root), 0)
  write(root, `${CPU_DIR}/cpu.stat`, 'nr_periods 3\nnr_throttled 0\nthrottled_time 0\n')
  const b = snapshot(new Sysroot(root), 1000)
  const d = computeDeltas(a, b)
  for (const k of ['periods', 'throttledPeriods', 'throttledSeconds'] as const) {
    assert.is(d.throttling[k].delta, null, k)
    assert.match(d.throttling[k].reason ?? '', /went backwards/, k)
  }
  const x = fromDeltas(root, 1, d)
  assert.equal(x.verdict.path[0]?.answer, 'unknown')
})

test('cpu.stat unreadable in the second snapshot: unknown with the reason', () => {
  const root = copyFixture()
  const a = snapshot(new Sysroot(root), 0)
  rmSync(join(root, CPU_DIR, 'cpu.stat'))
  const d = computeDeltas(a, snapshot(new Sysroot(root), 1000))
  assert.is(d.throttling.throttledSeconds.delta, null)
  assert.ok((d.throttling.throttledSeconds.reason ?? '').length > 0)
})

function readUsage(root: string): string {
  return readFileSync(join(root, CPU_DIR, 'cpuacct.usage'), 'utf8').trim()
}

test.run()
