// Integration: the built CLI in private cgroup namespaces on real cgroup v1 (this VM), where what the
// namespace shows is not the whole truth.
//   - A process in a sibling cgroup that joined the namespace with nsenter reads its own cgroup as
//     "/../<sibling>" (issue 12 item 1): it must not be placed under the mount, whose files belong to the
//     namespace root, another cgroup.
//   - A parent tighter than the namespace root binds unseen (issue 12 item 2): every limit carries the
//     hidden-ancestors caveat, and `check` raises hidden-ancestor-limit with the evidence (cpu.stat.local
//     throttling, v1 hierarchical_memory_limit).
// Needs root and the v1/hybrid layout, nsenter and unshare (util-linux); otherwise skipped with the reason.
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {HiddenEvidence} from '../../src/findings/rules/hidden-ancestor-limit.js'
import type {Finding} from '../../src/findings/types.js'
import type {OwnsReport} from '../../src/report/owns.js'
import {
  CG_ROOT,
  TestCgroups,
  cgroupV1Unavailable,
  cleanupOnExit,
  commandExists,
  inCgroups,
  inFreshMounts,
  inPrivateNamespace,
  readFlat,
  run,
  type Ran,
} from '../helpers/cgroups.js'
import {assertLimitsUnsupported} from '../helpers/limits.js'
import {BIN, REPO} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const DIST = join(REPO, 'dist', 'guestview.mjs')
const MiB = 1024 * 1024
const cg = new TestCgroups()
const holders: number[] = []

function unavailable(commands: string[]): string | null {
  if (!existsSync(DIST)) return `the built CLI is missing (${DIST}): run \`npm run build\` first`
  const missing = commands.find((c) => !commandExists(c))
  if (missing) return `\`${missing}\` is not installed (not on PATH)`
  return cgroupV1Unavailable()
}

function cgTest(name: string, commands: string[], fn: () => Promise<void>): void {
  const reason = unavailable(commands)
  if (reason) skip(test, name, reason)
  else
    test(name, async () => {
      try {
        await fn()
      } finally {
        await stopHolders()
      }
    })
}

// The holders are killed in each test's finally (before the after-hook removes the cgroups); this is the
// last resort when a test never got there.
cleanupOnExit(test, cg, () => {
  for (const pid of holders.splice(0)) killPid(pid)
})

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Kill the holders by PID and wait until they are gone, so their cgroups can be removed. */
async function stopHolders(): Promise<void> {
  const pids = holders.splice(0)
  for (const pid of pids) killPid(pid)
  for (let i = 0; i < 100 && pids.some((pid) => existsSync(`/proc/${pid}`)); i++) await sleep(20)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A process that holds a private cgroup namespace rooted at the cgroup `rel` (`unshare --cgroup` execs
 * `sleep` in the same process, so the PID spawned is the one in the namespace). Killed by PID in cleanup.
 */
async function namespaceHolder(rel: string): Promise<number> {
  const ours = readlinkSync('/proc/self/ns/cgroup')
  const argv = inCgroups(cg.procsFiles(rel), ['unshare', '--cgroup', 'sleep', '120'])
  const child = spawn(argv[0]!, argv.slice(1), {stdio: 'ignore'})
  const pid = child.pid
  if (pid === undefined) throw new Error('could not start the namespace holder')
  holders.push(pid)
  child.on('exit', () => {}) // reaped by node, so /proc/PID goes once it is killed
  for (let i = 0; i < 100; i++) {
    try {
      if (readlinkSync(`/proc/${pid}/ns/cgroup`) !== ours && readFileSync(`/proc/${pid}/comm`, 'utf8') === 'sleep\n')
        return pid
    } catch {
      // not there yet
    }
    await sleep(20)
  }
  throw new Error(`the namespace holder ${pid} did not unshare its cgroup namespace`)
}

function parseReport(r: Ran, what: string): OwnsReport {
  assert.is(r.timedOut, false, `${what} timed out; stderr: ${r.stderr}`)
  assert.is(r.code, 0, `${what} exited ${r.code} (${r.signal}); stderr: ${r.stderr}`)
  return checkJson<OwnsReport>(r.stdout, ['owns', '--json'], what)
}

cgTest(
  'a process in a sibling cgroup, nsenter-ed into a private cgroupns with fresh mounts: "/../sibling" is not placed (issue 12 item 1)',
  ['unshare', 'nsenter'],
  async () => {
    // parent/ns-root (0.5 cores, 256 MiB, 50 pids) holds the namespace; parent/sibling (0.3 cores, 64 MiB,
    // 20 pids) is where the CLI runs. The fresh mounts show ns-root at their mount points.
    const parent = cg.create(cg.name())
    const nsRoot = cg.create(`${parent}/ns-root`, {
      periodUs: 100_000,
      quotaUs: 50_000,
      memoryBytes: 256 * 1024 * 1024,
      pidsMax: 50,
    })
    const sibling = cg.create(`${parent}/sibling`, {
      periodUs: 100_000,
      quotaUs: 30_000,
      memoryBytes: 64 * 1024 * 1024,
      pidsMax: 20,
    })
    const holder = await namespaceHolder(nsRoot)
    const cli = ['node', BIN, 'owns', '--json']
    const argv = inCgroups(cg.procsFiles(sibling), [
      'nsenter',
      `--target=${holder}`,
      '--cgroup',
      '--',
      ...inFreshMounts(cli),
    ])
    const r = parseReport(await run(argv, {timeoutMs: 20_000}), 'owns --json from the sibling')
    assert.is(r.cgroup.namespace, 'private')
    assert.is(r.cgroup.path, '/../sibling', 'the kernel writes the sibling relative to the namespace root')
    for (const h of r.cgroup.hierarchies.filter((x) => x.version === 'v1')) {
      assert.is(h.mountRoot, '/', `${h.mountPoint}: a fresh mount shows the namespace root`)
      assert.is(h.dir, null, `${h.mountPoint}: not placed`)
      assert.match(h.problem ?? '', /\/\.\.\/sibling is not below the mount root \/ /)
    }
    // Before the fix the walk read the mount point (ns-root's 0.5 cores, 256 MiB, 50 pids) as an ancestor.
    assertLimitsUnsupported(r)
    assert.is(r.cpu.effectiveCores, null)
  },
)

cgTest(
  'hidden parent (0.25 cores, 128 MiB) above a private cgroupns (no quota, 512 MiB): check raises hidden-ancestor-limit (issue 12 item 2)',
  ['unshare', 'mount'],
  async () => {
    const parent = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 25_000, memoryBytes: 128 * MiB})
    // v1 refuses a child quota above its parent's (EINVAL; v2 allows it and clamps): the app sets none.
    const app = cg.create(`${parent}/app`, {memoryBytes: 512 * MiB, pidsMax: 100})
    // Inside the namespace: half a second of busy loop (throttled by the parent's quota), then `check --json`.
    const busy = ['node', '-e', 'const t = Date.now(); while (Date.now() - t < 500) {}']
    const cli = ['sh', '-c', '"$@" && exec node "$0" check --json', BIN, ...busy]
    const r = await run(inCgroups(cg.procsFiles(app), inPrivateNamespace(cli)), {timeoutMs: 60_000})
    assert.is(r.timedOut, false, `timed out; stderr: ${r.stderr}`)
    assert.is(r.code, 0, `check --json exits 0 without --fail-on; stderr: ${r.stderr}`)
    const report = checkJson<{findings: Finding[]}>(r.stdout, ['check', '--json'], 'check --json')
    const kernelLocal = readFlat(join(CG_ROOT, 'cpu', app, 'cpu.stat.local'))
    const ownStat = readFlat(join(CG_ROOT, 'cpu', app, 'cpu.stat'))
    const parentStat = readFlat(join(CG_ROOT, 'cpu', parent, 'cpu.stat'))
    const facts = `app cpu.stat.local ${kernelLocal.get('throttled_time')} ns, app cpu.stat throttled ${ownStat.get('throttled_time')} ns, parent cpu.stat throttled ${parentStat.get('throttled_time')} ns`
    assert.ok((parentStat.get('nr_throttled') ?? 0n) > 0n, `the parent's quota throttled: ${facts}`)
    const f = report.findings.find((x) => x.id === 'hidden-ancestor-limit')
    assert.ok(f, `hidden-ancestor-limit is raised: ${JSON.stringify(report.findings.map((x) => x.id))}; ${facts}`)
    assert.is(f.severity, 'warn')
    const evidence = (f.owned as {evidence: HiddenEvidence[]}).evidence
    const cpu = evidence.find((e) => e.signal === 'cpu.stat.local')
    assert.ok(cpu, `CPU evidence from cpu.stat.local: ${JSON.stringify(evidence)}; ${facts}`)
    const local = cpu.values.localThrottledSeconds ?? 0
    // The CLI read the counter before the kernel's reading after it: at most that, and clearly above the own.
    assert.ok(local > 0.05 && local <= Number(kernelLocal.get('throttled_time')) / 1e9 + 1e-9, `${local} s; ${facts}`)
    const mem = evidence.find((e) => e.signal === 'hierarchical_memory_limit')
    assert.equal(mem?.values, {hierarchicalLimitBytes: 128 * MiB, visibleLimitBytes: 512 * MiB})
    assert.is(mem?.strength, 'exact')
  },
)

cgTest(
  'the same hidden parent, owns --json: the own limits with the caveat, memory from hierarchical_memory_limit',
  ['unshare', 'mount'],
  async () => {
    const parent = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 25_000, memoryBytes: 128 * MiB})
    // v1 refuses a child quota above its parent's (EINVAL; v2 allows it and clamps): the app sets none.
    const app = cg.create(`${parent}/app`, {memoryBytes: 512 * MiB, pidsMax: 100})
    const r = parseReport(
      await run(inCgroups(cg.procsFiles(app), inPrivateNamespace(['node', BIN, 'owns', '--json'])), {
        timeoutMs: 60_000,
      }),
      'owns --json in the private cgroupns',
    )
    const caveat = (l: OwnsReport['cpu']['limit']) => (l.state === 'unknown' ? null : (l.hiddenAncestors ?? null))
    assert.equal([r.cpu.limit.state, r.cpu.limit.source], ['unlimited', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us'])
    assert.is(caveat(r.cpu.limit)?.why, 'private-cgroupns')
    assert.is(caveat(r.cpu.limit)?.visibleTop, '/sys/fs/cgroup/cpu')
    assert.equal([r.pids.limit.value, caveat(r.pids.limit)?.why], [100, 'private-cgroupns'])
    // v1 sees the hidden parent's memory limit: 128 MiB, and no caveat is needed on it.
    assert.equal(
      [r.memory.limit.value, r.memory.limit.source, caveat(r.memory.limit)],
      [128 * MiB, '/sys/fs/cgroup/memory/memory.stat (hierarchical_memory_limit)', null],
    )
  },
)

cgTest(
  'a hidden parent quota, diagnose --json over an interval: cap-throttled by a quota above the namespace (cpu.stat.local rising; issue 12 item 2)',
  ['unshare', 'mount'],
  async () => {
    // Six busy loops against 0.3 cores, with the top weight (cpu.shares 262144) so that a loaded machine
    // cannot keep the group below its quota (at equal shares and a load average of 16 it got 0.22 cores and
    // was hardly throttled). The quota still caps it at 0.3 cores.
    const parent = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 30_000})
    writeFileSync(join(CG_ROOT, 'cpu', parent, 'cpu.shares'), '262144')
    const app = cg.create(`${parent}/app`, {pidsMax: 100}) // no quota of its own: its cpu.stat stays flat
    if (!existsSync(join(CG_ROOT, 'cpu', app, 'cpu.stat.local'))) {
      console.log('  note: this kernel has no cpu.stat.local (before 2023): nothing to check here')
      return
    }
    // Busy loops beside diagnose in the namespace, killed by their PIDs when diagnose is done.
    const script =
      'L=; for i in 1 2 3 4 5 6; do sh -c "while :; do :; done" & L="$L $!"; done; ' +
      'node "$0" diagnose --json --interval 1.5; rc=$?; kill -9 $L; exit $rc'
    const r = await run(inCgroups(cg.procsFiles(app), inPrivateNamespace(['sh', '-c', script, BIN])), {
      timeoutMs: 60_000,
    })
    assert.is(r.timedOut, false, `timed out; stderr: ${r.stderr}`)
    assert.is(r.code, 0, `diagnose exited ${r.code}; stderr: ${r.stderr}`)
    const d = checkJson<{
      verdict: {id: string; title: string; path: {answer: string; detail: string}[]; evidence: Record<string, number>}
      deltas: {throttling: {throttledSeconds: {delta: number | null}}}
    }>(r.stdout, ['diagnose', '--json'], 'diagnose --json')
    const parentStat = readFlat(join(CG_ROOT, 'cpu', parent, 'cpu.stat'))
    const facts = `${JSON.stringify(d.verdict.path)}; parent cpu.stat nr_throttled ${parentStat.get('nr_throttled')}`
    assert.is(d.deltas.throttling.throttledSeconds.delta, 0, `the visible (own) cpu.stat stays flat: ${facts}`)
    assert.equal([d.verdict.id, d.verdict.path[0]?.answer], ['cap-throttled', 'yes'], facts)
    assert.is(d.verdict.title, 'cap throttled: a CPU quota above the visible cgroups caps you')
    assert.match(d.verdict.path[0]!.detail, /cpu\.stat\.local.*a quota above \/sys\/fs\/cgroup\/cpu throttles you/)
    assert.ok(d.verdict.evidence.localThrottledSecondsPerSecond! > 0.01, facts)
  },
)

test.run()
