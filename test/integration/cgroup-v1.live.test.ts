// Integration: the BUILT CLI (bin/run.js -> dist/) run inside real cgroup v1 cgroups that this test
// creates and limits (host cgroup namespace, and a private one made like a runtime makes it), compared
// with the values set, with the kernel's own counters and with the JDK's reading. Needs root and the
// v1/hybrid layout; otherwise every cgroup test is registered as skipped with the reason.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {OwnsReport} from '../../src/report/owns.js'
import {effectiveCoresBasis} from '../../src/model/cpu.js'
import {
  CG_ROOT,
  CONTROLLERS,
  TestCgroups,
  cgroupV1Unavailable,
  commandExists,
  inCgroups,
  inPrivateNamespace,
  readFlat,
  run,
  safeRead,
  type Limits,
  type Ran,
  cleanupOnExit,
} from '../helpers/cgroups.js'
import {contractView} from '../helpers/contract.js'
import {BIN, REPO} from '../helpers/paths.js'
import {cliJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const MiB = 1024 * 1024
const DIST = join(REPO, 'dist', 'guestview.mjs')
const distMissing = existsSync(DIST) ? null : `the built CLI is missing (${DIST}): run \`npm run build\` first`
const cgroupReason = distMissing ?? cgroupV1Unavailable()
const cg = new TestCgroups()
const tmp = mkdtempSync(join(tmpdir(), 'gv-integration-'))

/** Register a test that needs real cgroups (and optionally commands, or more), or skip it with the reason. */
function cgTest(
  name: string,
  fn: () => Promise<void>,
  needs: {commands?: string[]; unless?: string | null} = {},
): void {
  const missing = needs.commands?.find((c) => !commandExists(c))
  const reason =
    cgroupReason ?? (missing ? `\`${missing}\` is not installed (not on PATH)` : null) ?? needs.unless ?? null
  if (reason) skip(test, name, reason)
  else test(name, fn)
}

cleanupOnExit(test, cg, () => rmSync(tmp, {recursive: true, force: true}))

// --- helpers ---------------------------------------------------------------------------------------

const hostCpus = (() => {
  const t = safeRead('/sys/devices/system/cpu/online')
  if (!t) return null
  return t
    .trim()
    .split(',')
    .reduce((n, part) => {
      const [a, b] = part.split('-').map(Number)
      return n + (b === undefined ? 1 : b - a! + 1)
    }, 0)
})()
const hostHasCgroup2 = (safeRead('/proc/self/mountinfo') ?? '')
  .split('\n')
  .some((l) => l.split(' - ')[1]?.startsWith('cgroup2 '))

function parseReport(r: Ran, what: string): OwnsReport {
  assert.is(r.timedOut, false, `${what} timed out; stderr: ${r.stderr}`)
  assert.is(r.code, 0, `${what} exited ${r.code} (${r.signal}); stderr: ${r.stderr}`)
  return cliJson<OwnsReport>(r, what)
}

async function ownsIn(rel: string, opts: {privateNs?: boolean; timeoutMs?: number} = {}): Promise<OwnsReport> {
  const cli = ['node', BIN, 'owns', '--json']
  const argv = inCgroups(cg.procsFiles(rel), opts.privateNs ? inPrivateNamespace(cli) : cli)
  return parseReport(await run(argv, {timeoutMs: opts.timeoutMs ?? 15_000}), `owns --json in ${rel}`)
}

const cpuFile = (rel: string, f: string) => join(CG_ROOT, 'cpu', rel, f)
const memFile = (rel: string, f: string) => join(CG_ROOT, 'memory', rel, f)
const pidsFile = (rel: string, f: string) => join(CG_ROOT, 'pids', rel, f)

const LIMITS: Limits = {
  periodUs: 100_000,
  quotaUs: 150_000,
  shares: 512,
  cpus: '0',
  mems: '0',
  memoryBytes: 256 * MiB,
  pidsMax: 64,
}

/** A limit without its hidden-ancestors caveat (asserted on its own where a test expects it). */
function bare(l: OwnsReport['cpu']['limit']) {
  if (l.state === 'unknown') return l
  const {hiddenAncestors: _hidden, ...rest} = l
  return rest
}

/** The assertions every run in a LIMITS cgroup must pass; `base` is where the files are (guest view). */
function assertLimits(r: OwnsReport, base: (c: string) => string): void {
  assert.equal(bare(r.cpu.limit), {state: 'limited', value: 1.5, source: `${base('cpu')}/cpu.cfs_quota_us`})
  assert.is(r.cpu.quotaUs, 150_000)
  assert.is(r.cpu.periodUs, 100_000)
  assert.is(r.cpu.shares, 512)
  assert.is(r.cpu.weight, null)
  assert.equal(r.cpu.cpuset, [0])
  assert.is(r.cpu.hostCpus, hostCpus)
  assert.is(r.cpu.effectiveCores, 1, `min(1.5 quota, cpuset of 1): ${effectiveCoresBasis(r.cpu)}`)
  assert.equal(bare(r.memory.limit), {
    state: 'limited',
    value: 256 * MiB,
    source: `${base('memory')}/memory.limit_in_bytes`,
  })
  assert.equal(bare(r.pids.limit), {state: 'limited', value: 64, source: `${base('pids')}/pids.max`})
  assert.ok(r.pids.current !== null && r.pids.current >= 1 && r.pids.current <= 64, `pids.current ${r.pids.current}`)
  assert.ok(r.cpu.usageSeconds !== null && r.cpu.usageSeconds > 0, `usageSeconds ${r.cpu.usageSeconds}`)
  assert.ok(
    r.memory.usageBytes !== null && r.memory.usageBytes > 0 && r.memory.usageBytes <= 256 * MiB,
    `usageBytes ${r.memory.usageBytes}`,
  )
  assert.ok(r.cpu.throttling !== null, 'cpu.stat is read')
  // Every value the contract shows as null says why under debug.unknown; a real v1 cgroup leaves none broken.
  assert.equal(
    Object.values(r.debug.unknown).filter((u) => u.kind === 'denied' || u.kind === 'malformed'),
    [],
  )
}

// --- limits in the host cgroup namespace --------------------------------------------------------------

cgTest('limits set on real v1 cgroups: 1.5 cores, 512 shares, cpuset 0, 256 MiB, 64 pids (host cgroupns)', async () => {
  const rel = cg.create(cg.name(), LIMITS)
  const r = await ownsIn(rel)
  assert.is(r.schemaVersion, 2)
  assert.is(r.cgroup.version, hostHasCgroup2 ? 'hybrid' : 'v1')
  assert.is(r.cgroup.path, `/${rel}`)
  assert.is(r.cgroup.namespace, 'host')
  assertLimits(r, (c) => join(CG_ROOT, c, rel))
  assert.is(r.cpu.cpusetSource?.startsWith(join(CG_ROOT, 'cpuset', rel) + '/'), true)
  assert.is(r.cpu.usageSource, join(CG_ROOT, 'cpuacct', rel, 'cpuacct.usage'))
  assert.is(r.cpu.throttling?.source, cpuFile(rel, 'cpu.stat'))
  for (const c of CONTROLLERS) {
    const h = r.cgroup.hierarchies.find((x) => x.version === 'v1' && x.controllers.includes(c))
    assert.is(h?.dir, join(CG_ROOT, c, rel), `${c} hierarchy dir`)
  }
})

cgTest('a non-default period: 30000/50000 reads as 0.6 cores, not rounded', async () => {
  const rel = cg.create(cg.name(), {periodUs: 50_000, quotaUs: 30_000})
  const r = await ownsIn(rel)
  assert.equal(r.cpu.limit, {state: 'limited', value: 0.6, source: cpuFile(rel, 'cpu.cfs_quota_us')})
  assert.is(r.cpu.quotaUs, 30_000)
  assert.is(r.cpu.periodUs, 50_000)
  assert.is(r.cpu.shares, 1024)
  assert.equal(r.cpu.cpuset?.length, hostCpus)
  assert.is(r.cpu.effectiveCores, 0.6)
})

cgTest('no limits: quota -1, LONG_MAX-page memory and pids "max" are unlimited', async () => {
  const rel = cg.create(cg.name())
  assert.is(cg.read('cpu', rel, 'cpu.cfs_quota_us').trim(), '-1')
  assert.ok(BigInt(cg.read('memory', rel, 'memory.limit_in_bytes').trim()) >= 1n << 62n)
  assert.is(cg.read('pids', rel, 'pids.max').trim(), 'max')
  const r = await ownsIn(rel)
  assert.is(r.cgroup.path, `/${rel}`)
  assert.equal(r.cpu.limit, {state: 'unlimited', value: null, source: cpuFile(rel, 'cpu.cfs_quota_us')})
  assert.is(r.cpu.quotaUs, null)
  assert.is(r.cpu.periodUs, 100_000)
  assert.is(r.cpu.effectiveCores, hostCpus)
  assert.equal(r.memory.limit, {state: 'unlimited', value: null, source: memFile(rel, 'memory.limit_in_bytes')})
  assert.equal(r.pids.limit, {state: 'unlimited', value: null, source: pidsFile(rel, 'pids.max')})
})

cgTest(
  "ancestor: parent 0.5 cores / 128 MiB / 32 pids, child without limits: the parent's files are named",
  async () => {
    const parent = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 50_000, memoryBytes: 128 * MiB, pidsMax: 32})
    const child = cg.create(`${parent}/leaf`)
    const r = await ownsIn(child)
    assert.is(r.cgroup.path, `/${child}`)
    assert.equal(r.cpu.limit, {state: 'limited', value: 0.5, source: cpuFile(parent, 'cpu.cfs_quota_us')})
    assert.is(r.cpu.quotaUs, 50_000)
    assert.is(r.cpu.periodUs, 100_000)
    assert.is(r.cpu.effectiveCores, 0.5)
    // v1 counts throttled periods only where the quota is set: the report reads the parent's cpu.stat.
    assert.is(r.cpu.throttling?.source, cpuFile(parent, 'cpu.stat'))
    assert.equal(r.memory.limit, {state: 'limited', value: 128 * MiB, source: memFile(parent, 'memory.limit_in_bytes')})
    assert.equal(r.pids.limit, {state: 'limited', value: 32, source: pidsFile(parent, 'pids.max')})
    assert.equal(
      r.debug.levels.cpu.map((l) => [l.dir, l.kind, l.kind === 'value' ? (l.value as {cores: number}).cores : null]),
      [
        [join(CG_ROOT, 'cpu', child), 'unlimited', null],
        [join(CG_ROOT, 'cpu', parent), 'value', 0.5],
        [join(CG_ROOT, 'cpu'), 'unlimited', null],
      ],
    )
  },
)

cgTest('ancestor: a child tighter than its parent (0.25 < 0.5 cores, 64 < 128 MiB, 16 < 32 pids) wins', async () => {
  const parent = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 50_000, memoryBytes: 128 * MiB, pidsMax: 32})
  const child = cg.create(`${parent}/tight`, {periodUs: 100_000, quotaUs: 25_000, memoryBytes: 64 * MiB, pidsMax: 16})
  const r = await ownsIn(child)
  assert.equal(r.cpu.limit, {state: 'limited', value: 0.25, source: cpuFile(child, 'cpu.cfs_quota_us')})
  assert.is(r.cpu.quotaUs, 25_000)
  assert.is(r.cpu.throttling?.source, cpuFile(child, 'cpu.stat'))
  assert.equal(r.memory.limit, {state: 'limited', value: 64 * MiB, source: memFile(child, 'memory.limit_in_bytes')})
  assert.equal(r.pids.limit, {state: 'limited', value: 16, source: pidsFile(child, 'pids.max')})
})

/** A whole disk's MAJ:MIN (blkio throttling takes disks, not partitions), or null. */
function firstDisk(): string | null {
  let names: string[]
  try {
    names = readdirSync('/sys/block').filter((n) => !/^(loop|ram|zram|sr)\d*$/.test(n))
  } catch {
    return null
  }
  for (const n of names) {
    const dev = safeRead(`/sys/block/${n}/dev`)?.trim()
    if (dev && /^\d+:\d+$/.test(dev)) return dev
  }
  return null
}
const disk = firstDisk()

cgTest(
  "blkio: the parent's read bps and the child's write IOPS both bind, each with its file",
  async () => {
    const parent = cg.create(cg.name())
    cg.write('blkio', parent, 'blkio.throttle.read_bps_device', `${disk} 2097152`)
    const child = cg.create(`${parent}/io`)
    cg.write('blkio', child, 'blkio.throttle.write_iops_device', `${disk} 100`)
    const r = await ownsIn(child)
    assert.equal(r.io.limits, [
      {
        device: disk,
        sources: [
          join(CG_ROOT, 'blkio', child, 'blkio.throttle.write_iops_device'),
          join(CG_ROOT, 'blkio', parent, 'blkio.throttle.read_bps_device'),
        ],
        readBps: 2097152,
        writeBps: null,
        readIops: null,
        writeIops: 100,
      },
    ])
  },
  {unless: disk ? null : 'no whole disk under /sys/block to throttle'},
)

// --- private cgroup namespace ------------------------------------------------------------------------

cgTest(
  'private cgroupns with fresh mounts (unshare): path "/", namespace private, the same limits',
  async () => {
    const rel = cg.create(cg.name(), LIMITS)
    const r = await ownsIn(rel, {privateNs: true})
    assert.is(r.cgroup.namespace, 'private')
    assert.is(r.cgroup.path, '/')
    // Only the six controllers were mounted again; the old mounts under the covered /sys/fs/cgroup
    // (devices, freezer, systemd, the cgroup2 "unified") are still listed in mountinfo but unreachable.
    assert.is(r.cgroup.version, 'v1')
    assert.equal(r.cgroup.hierarchies.map((h) => h.controllers.join(',')).sort(), [...CONTROLLERS].sort())
    assert.ok(r.cgroup.hierarchies.every((h) => h.mountRoot === '/' && h.cgroupPath === '/' && h.dir === h.mountPoint))
    assert.equal(r.cgroup.notes, [])
    assertLimits(r, (c) => join(CG_ROOT, c))
    // The namespace root is a test cgroup, not the hierarchy's root: cpu and pids limits say ancestors may
    // bind unseen; memory does not need to (hierarchical_memory_limit sees them).
    const why = (l: OwnsReport['cpu']['limit']) => (l.state === 'unknown' ? 'unknown' : l.hiddenAncestors?.why)
    assert.equal(
      [why(r.cpu.limit), why(r.memory.limit), why(r.pids.limit)],
      ['private-cgroupns', undefined, 'private-cgroupns'],
    )
  },
  {commands: ['unshare', 'mount', 'mkdir']},
)

cgTest(
  "private cgroupns: a parent's memory limit still shows through hierarchical_memory_limit",
  async () => {
    const parent = cg.create(cg.name(), {memoryBytes: 96 * MiB})
    const child = cg.create(`${parent}/leaf`)
    const r = await ownsIn(child, {privateNs: true})
    assert.is(r.cgroup.path, '/')
    assert.equal(r.memory.limit, {
      state: 'limited',
      value: 96 * MiB,
      source: '/sys/fs/cgroup/memory/memory.stat (hierarchical_memory_limit)',
    })
  },
  {commands: ['unshare', 'mount', 'mkdir']},
)

// --- throttling --------------------------------------------------------------------------------------

cgTest('throttling: a busy loop under 0.2 core is throttled, and the report matches cpu.stat', async () => {
  const rel = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 20_000})
  const burn = await run(
    inCgroups(cg.procsFiles(rel), ['node', '-e', 'const t=Date.now(); while(Date.now()-t<1500){}']),
    {timeoutMs: 10_000},
  )
  assert.is(burn.code, 0, `burner: ${burn.stderr}`)
  const before = readFlat(cpuFile(rel, 'cpu.stat'))
  const r = await ownsIn(rel)
  const after = readFlat(cpuFile(rel, 'cpu.stat'))
  const t = r.cpu.throttling
  assert.ok(t, 'throttling is reported')
  assert.ok(
    before.get('nr_throttled')! > 0n,
    `the kernel throttled the burner: ${JSON.stringify(Object.fromEntries([...before].map(([k, v]) => [k, String(v)])))}`,
  )
  assert.ok(t.throttledPeriods > 0 && t.throttledSeconds > 0, JSON.stringify(t))
  // The CLI reads cpu.stat while it runs: between the kernel's readings before it started and after it ended.
  const between = (v: number, lo: bigint, hi: bigint, scale = 1) =>
    v >= Number(lo) / scale - 1e-9 && v <= Number(hi) / scale + 1e-9
  assert.ok(between(t.periods, before.get('nr_periods')!, after.get('nr_periods')!), `periods ${t.periods}`)
  assert.ok(
    between(t.throttledPeriods, before.get('nr_throttled')!, after.get('nr_throttled')!),
    `throttledPeriods ${t.throttledPeriods}`,
  )
  assert.ok(
    between(t.throttledSeconds, before.get('throttled_time')!, after.get('throttled_time')!, 1e9),
    `throttledSeconds ${t.throttledSeconds}`,
  )
  // and close to the reading right after: only the CLI's own exit (under the same 0.2 core) comes later.
  assert.ok(
    Number(after.get('nr_throttled')!) - t.throttledPeriods <= 10,
    `nr_throttled after ${after.get('nr_throttled')} vs ${t.throttledPeriods}`,
  )
  assert.ok(
    Number(after.get('throttled_time')!) / 1e9 - t.throttledSeconds <= 1.0,
    `throttled_time after ${after.get('throttled_time')} vs ${t.throttledSeconds}`,
  )
  assert.is(t.source, cpuFile(rel, 'cpu.stat'))
})

// --- the JDK's reading --------------------------------------------------------------------------------

type Jdk = {cpus: number; memoryBytes: number | 'Unlimited'; pids: number | 'Unlimited'; raw: string}

function parseJdk(text: string): Jdk {
  const field = (label: string) => new RegExp(`^\\s*${label}:\\s*(\\S+)`, 'm').exec(text)?.[1]
  const cpu = field('Effective CPU Count')
  const mem = field('Memory Limit')
  const pids = field('Maximum Processes Limit')
  if (cpu === undefined || mem === undefined || pids === undefined)
    throw new Error(`unexpected java -XshowSettings:system output:\n${text}`)
  const bytes = (s: string) => {
    const m = /^([\d.]+)([KMG]?)$/.exec(s)
    if (!m) throw new Error(`cannot parse JDK size ${s}`)
    return Math.round(Number(m[1]) * 1024 ** ' KMG'.indexOf(m[2] || ' '))
  }
  return {
    cpus: Number(cpu),
    memoryBytes: mem === 'Unlimited' ? 'Unlimited' : bytes(mem),
    pids: pids === 'Unlimited' ? 'Unlimited' : Number(pids),
    raw: text,
  }
}

async function jdkIn(rel: string): Promise<Jdk> {
  const j = await run(inCgroups(cg.procsFiles(rel), ['java', '-XshowSettings:system', '-version']), {timeoutMs: 20_000})
  assert.is(j.code, 0, `java: ${j.stderr}`)
  return parseJdk(j.stderr + j.stdout)
}

cgTest(
  'java -XshowSettings:system: same memory and pids, CPU count = ceil of our unrounded 1.5 cores',
  async () => {
    // All online CPUs in the cpuset, so the quota is what limits: the JDK rounds 1.5 up to 2, we keep 1.5.
    const rel = cg.create(cg.name(), {...LIMITS, cpus: undefined, mems: undefined})
    const ours = await ownsIn(rel)
    const jdk = await jdkIn(rel)
    assert.is(ours.cpu.limit.value, 1.5)
    assert.ok(
      ours.cpu.cpuset !== null && ours.cpu.cpuset.length >= 2,
      `cpuset ${ours.cpu.cpuset}: this case needs 2+ CPUs`,
    )
    assert.is(jdk.cpus, Math.ceil(ours.cpu.limit.value!), jdk.raw)
    assert.is(jdk.cpus, Math.ceil(ours.cpu.effectiveCores!), jdk.raw)
    assert.is(jdk.memoryBytes, ours.memory.limit.value, jdk.raw)
    assert.is(jdk.pids, ours.pids.limit.value, jdk.raw)
  },
  {
    commands: ['java'],
    unless:
      hostCpus !== null && hostCpus >= 2
        ? null
        : `needs 2+ online CPUs so that the 1.5-core quota, not the cpuset, limits (online: ${hostCpus})`,
  },
)

cgTest(
  'java -XshowSettings:system with cpuset {0}: the JDK also takes the cpuset, = ceil(effectiveCores)',
  async () => {
    const rel = cg.create(cg.name(), LIMITS)
    const ours = await ownsIn(rel)
    const jdk = await jdkIn(rel)
    assert.is(ours.cpu.effectiveCores, 1)
    assert.is(jdk.cpus, Math.ceil(ours.cpu.effectiveCores!), jdk.raw)
    assert.is(jdk.memoryBytes, ours.memory.limit.value, jdk.raw)
  },
  {commands: ['java']},
)

// --- capture on a real cgroup ----------------------------------------------------------------------------

/** The contract minus counters that move between two runs (usage, throttling, pids.current). */
function stable(r: OwnsReport) {
  const v = contractView(r)
  return {
    ...v,
    cpu: {
      ...v.cpu,
      usageSeconds: typeof v.cpu.usageSeconds,
      throttling: v.cpu.throttling && {periods: typeof v.cpu.throttling.periods},
    },
    memory: {...v.memory, usageBytes: typeof v.memory.usageBytes, workingSetBytes: typeof v.memory.workingSetBytes},
    pids: {...v.pids, current: typeof v.pids.current},
  }
}

cgTest('capture inside a limited cgroup, replayed outside with --root: the same contract values', async () => {
  const rel = cg.create(cg.name(), LIMITS)
  const cap = join(tmp, 'cap')
  const live = await ownsIn(rel)
  const c = await run(inCgroups(cg.procsFiles(rel), ['node', BIN, 'capture', cap, '--json']), {timeoutMs: 20_000})
  assert.is(c.code, 0, `capture: ${c.stderr}${c.stdout}`)
  const result = cliJson<{replayMatches: boolean; replayDiff: string[]; summary: {files: number}}>(c, 'capture --json')
  assert.is(result.replayMatches, true, result.replayDiff.join('; '))
  const replay = parseReport(await run(['node', BIN, 'owns', '--json', '--root', cap]), 'owns --root capture')
  assert.is(replay.root, cap)
  assert.equal(stable(replay), stable(live))
  assertLimits(replay, (c) => join(CG_ROOT, c, rel))
  assert.is(replay.cgroup.path, `/${rel}`)
  assert.is(replay.cgroup.namespace, 'host')
  // The counters are the capture's own, from the files it wrote.
  assert.is(replay.pids.current, Number(readFileSync(join(cap, CG_ROOT, 'pids', rel, 'pids.current'), 'utf8').trim()))
})

// --- bad input -----------------------------------------------------------------------------------------

function cliTest(name: string, fn: () => Promise<void>): void {
  if (distMissing) skip(test, name, distMissing)
  else test(name, fn)
}

const stderrLines = (r: Ran) => r.stderr.split('\n').filter((l) => l.trim() !== '')

cliTest('owns --root /nonexistent: exit 2, one stderr line naming --root', async () => {
  const r = await run(['node', BIN, 'owns', '--root', '/nonexistent-gvtest'])
  assert.is(r.code, 2, r.stderr)
  assert.is(stderrLines(r).length, 1, r.stderr)
  assert.match(r.stderr, '--root /nonexistent-gvtest')
  assert.is(r.stdout, '')
})

cliTest('owns --root DIR without proc/self/cgroup: exit 2, one stderr line naming --root', async () => {
  const r = await run(['node', BIN, 'owns', '--root', tmp])
  assert.is(r.code, 2, r.stderr)
  assert.is(stderrLines(r).length, 1, r.stderr)
  assert.match(r.stderr, `--root ${tmp}`)
  assert.match(r.stderr, 'proc/self/cgroup')
})

cliTest('owns --json --root /nonexistent: exit 2 too, the error as JSON', async () => {
  const r = await run(['node', BIN, 'owns', '--json', '--root', '/nonexistent-gvtest'])
  assert.is(r.code, 2, r.stderr + r.stdout)
  assert.match(
    cliJson<{error: {message: string}}>(r, 'owns --json --root /nonexistent').error.message,
    '--root /nonexistent-gvtest',
  )
})

cliTest('owns --bogus: non-zero exit, an error on stderr', async () => {
  const r = await run(['node', BIN, 'owns', '--bogus'])
  assert.ok(r.code !== 0 && r.code !== null, `exit ${r.code}`)
  assert.match(r.stderr, '--bogus')
})

test.run()
