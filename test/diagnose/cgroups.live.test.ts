// Integration: the BUILT CLI's `diagnose --json` run inside real cgroup v1 cgroups that this file creates:
// (a) next to a CPU burner under a 0.2-core quota -> cap-throttled; (b) in an idle cgroup without a quota
// -> not-throttled. Needs root and the v1/hybrid layout, else each test is skipped with the reason.
// Every child is bounded by a timeout and killed by its PID; the cgroups are removed whatever happens.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Diagnosis} from '../../src/diagnose/report.js'
import {
  CG_ROOT,
  TestCgroups,
  cgroupV1Unavailable,
  inCgroups,
  readFlat,
  run,
  type Ran,
  cleanupOnExit,
} from '../helpers/cgroups.js'
import {BIN, FIXTURES, REPO} from '../helpers/paths.js'
import {cliJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const DIST = join(REPO, 'dist', 'guestview.mjs')
const distMissing = existsSync(DIST) ? null : `the built CLI is missing (${DIST}): run \`npm run build\` first`
const cgroupReason = distMissing ?? cgroupV1Unavailable()
const cg = new TestCgroups()

cleanupOnExit(test, cg)

function cgTest(name: string, fn: () => Promise<void>, reason: string | null = cgroupReason): void {
  if (reason) skip(test, name, reason)
  else test(name, fn)
}

function parse(r: Ran, what: string): Diagnosis {
  assert.is(r.timedOut, false, `${what} timed out; stderr: ${r.stderr}`)
  assert.is(r.code, 0, `${what} exited ${r.code} (${r.signal}); stderr: ${r.stderr}`)
  return cliJson<Diagnosis>(r, what)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const procsOf = (rel: string) =>
  readFileSync(join(CG_ROOT, 'cpu', rel, 'cgroup.procs'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(Number)
const killPid = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

cgTest("diagnose beside a CPU burner under a 0.2-core quota: cap-throttled, with the kernel's counters", async () => {
  const rel = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 20_000})
  const cpuStat = join(CG_ROOT, 'cpu', rel, 'cpu.stat')
  // The burner outlives diagnose's start-up (which shares the same 0.2 core) and is killed by PID after it.
  const burner = run(inCgroups(cg.procsFiles(rel), ['node', '-e', 'const t=Date.now();while(Date.now()-t<12000){}']), {
    timeoutMs: 14_000,
  })
  let burnerPid: number | undefined
  try {
    const until = Date.now() + 5000
    while (Date.now() < until && (readFlat(cpuStat).get('nr_throttled') ?? 0n) === 0n) await sleep(50)
    burnerPid = procsOf(rel)[0]
    assert.ok(burnerPid, 'the burner joined the cgroup')
    assert.ok(readFlat(cpuStat).get('nr_throttled')! > 0n, 'the kernel throttles the burner')
    const before = readFlat(cpuStat)
    const r = await run(inCgroups(cg.procsFiles(rel), ['node', BIN, 'diagnose', '--interval', '1', '--json']), {
      timeoutMs: 15_000,
    })
    const after = readFlat(cpuStat)
    const x = parse(r, 'diagnose --json beside the burner')
    assert.is(x.interval, 1)
    assert.is(x.verdict.id, 'cap-throttled', JSON.stringify(x.verdict.path))
    assert.ok(x.deltas.elapsedSeconds >= 0.95 && x.deltas.elapsedSeconds < 5, `elapsed ${x.deltas.elapsedSeconds}`)
    const t = x.deltas.throttling
    assert.is(t.throttledSeconds.source, cpuStat)
    const kernel = Number(after.get('nr_throttled')! - before.get('nr_throttled')!)
    assert.ok(
      t.throttledPeriods.delta! >= 1 && t.throttledPeriods.delta! <= kernel,
      `throttled periods ${t.throttledPeriods.delta}, kernel saw ${kernel} while diagnose ran`,
    )
    assert.ok(t.throttledSeconds.delta! > 0, `throttled seconds ${t.throttledSeconds.delta}`)
    assert.ok(x.verdict.evidence.throttledRatio! > 0, `throttled ratio ${x.verdict.evidence.throttledRatio}`)
    assert.is(x.verdict.evidence.limitCores, 0.2)
    // usage over the second is about the quota: 0.2 core (with slack for accounting at period edges)
    const own = x.verdict.evidence.ownUsageCores!
    assert.ok(own > 0.05 && own < 0.35, `own usage ${own} cores`)
    assert.ok(
      x.deltas.nonvoluntarySwitches.pids >= 2,
      `burner and diagnose both read: ${JSON.stringify(x.deltas.nonvoluntarySwitches)}`,
    )
    assert.ok(x.use.cpu.utilization! > 0.5, `CPU utilization against 0.2 core: ${x.use.cpu.utilization}`)
    assert.match(x.verdict.advice, /quota of 0\.2 cores/)
  } finally {
    if (burnerPid) killPid(burnerPid)
    const done = await burner
    assert.is(done.timedOut, false, 'the burner was killed by PID before its timeout')
  }
})

cgTest('diagnose in an idle cgroup without a quota: not-throttled', async () => {
  const rel = cg.create(cg.name())
  const r = await run(inCgroups(cg.procsFiles(rel), ['node', BIN, 'diagnose', '--interval', '1', '--json']), {
    timeoutMs: 15_000,
  })
  const x = parse(r, 'diagnose --json in an idle cgroup')
  assert.is(x.verdict.id, 'not-throttled', JSON.stringify(x.verdict.path))
  assert.equal(
    x.verdict.path.map((s) => s.answer),
    ['no', 'no'],
  )
  assert.is(x.deltas.throttling.throttledSeconds.delta, 0)
  assert.is(x.deltas.throttling.throttledSeconds.source, join(CG_ROOT, 'cpu', rel, 'cpu.stat'))
  assert.is(x.verdict.evidence.limitCores, null)
  assert.ok(x.deltas.nonvoluntarySwitches.pids >= 1, JSON.stringify(x.deltas.nonvoluntarySwitches))
})

// --- the CLI contract, no cgroups needed ---------------------------------------------------------------

cgTest(
  'diagnose --root on a static tree: exit 0, zero deltas; a bad --interval exits 2 with one line',
  async () => {
    const root = join(FIXTURES, 'docker-v1-hostns', 'root')
    const r = await run(['node', BIN, 'diagnose', '--interval', '0.2', '--root', root, '--json'], {timeoutMs: 10_000})
    const x = parse(r, 'diagnose --root')
    assert.is(x.deltas.throttling.throttledSeconds.delta, 0)
    assert.is(x.deltas.cpuUsageSeconds.delta, 0)
    const text = await run(['node', BIN, 'diagnose', '--interval', '0.2', '--root', root, '--no-color'], {
      timeoutMs: 10_000,
    })
    assert.is(text.code, 0, text.stderr)
    assert.match(text.stdout, /decision path/)
    assert.not.match(text.stdout, /\u001b\[/)
    for (const bad of ['0.1', '61', 'abc']) {
      const b = await run(['node', BIN, 'diagnose', '--interval', bad], {timeoutMs: 10_000})
      assert.is(b.code, 2, `--interval ${bad}: ${b.stderr}`)
      assert.match(b.stderr, /expected seconds between 0\.2 and 60/)
      assert.is(b.stderr.trim().split('\n').length, 1)
    }
  },
  distMissing,
)

test.run()
