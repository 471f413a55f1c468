// `explain TOOL --run` against the real tools (procps and sysstat from Debian, installed here when missing)
// with the BUILT CLI running inside a real cgroup v1 with a 256 MiB memory limit and a 1.5-core quota
// (test/helpers/cgroups.ts; removed afterwards, children killed by PID). free's "Mem:" line must be
// annotated with the limit that was set and the host's total; every sampling tool must run, bounded.
// Without a tool on PATH: status not-installed and the explanation alone; docker stats: not-runnable.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {RunResult} from '../../src/explain/run.js'
import type {Explanation} from '../../src/explain/types.js'
import {
  TestCgroups,
  cgroupV1Unavailable,
  commandExists,
  inCgroups,
  run,
  type Ran,
  cleanupOnExit,
} from '../helpers/cgroups.js'
import {BIN, REPO} from '../helpers/paths.js'
import {cliJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const MiB = 1024 * 1024
const LIMIT = 256 * MiB
const DIST = join(REPO, 'dist', 'guestview.mjs')
const distMissing = existsSync(DIST) ? null : `the built CLI is missing (${DIST}): run \`npm run build\` first`
const cg = new TestCgroups()
const emptyDir = mkdtempSync(join(tmpdir(), 'gv-empty-path-'))
const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}

// --- set-up: the real tools --------------------------------------------------------------------------

const PROCPS = ['free', 'uptime', 'vmstat']
const SYSSTAT = ['mpstat', 'iostat', 'pidstat', 'sar']
async function ensureTools(): Promise<string | null> {
  const missing = [...PROCPS, ...SYSSTAT].filter((c) => !commandExists(c))
  if (missing.length === 0) return null
  if (process.getuid?.() !== 0)
    return `${missing.join(', ')} not installed and not root to apt-get install procps sysstat`
  if (!commandExists('apt-get')) return `${missing.join(', ')} not installed and no apt-get here`
  const aptEnv = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
  const install = () =>
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'procps', 'sysstat'], {timeoutMs: 120_000, env: aptEnv})
  let r = await install()
  if (r.code !== 0 && !r.timedOut) {
    await run(['apt-get', 'update'], {timeoutMs: 120_000, env: aptEnv})
    r = await install()
  }
  const still = [...PROCPS, ...SYSSTAT].filter((c) => !commandExists(c))
  if (still.length === 0) return null
  return `apt-get install procps sysstat failed (${r.timedOut ? 'timed out' : `exit ${r.code}`}: ${r.stderr.trim().split('\n').pop() ?? ''}); missing: ${still.join(', ')}`
}
const toolsReason = distMissing ?? (await ensureTools())
const cgroupReason = distMissing ?? cgroupV1Unavailable()

cleanupOnExit(test, cg, () => rmSync(emptyDir, {recursive: true, force: true}))

// --- helpers -----------------------------------------------------------------------------------------

type Ran1 = Explanation & {run: RunResult}
function parseTools(r: Ran, what: string): Ran1[] {
  assert.is(r.timedOut, false, `${what} timed out`)
  assert.is(r.code, 0, `${what} exited ${r.code}: ${r.stderr}`)
  return cliJson<{tools: Ran1[]}>(r, what).tools
}

/** The CLI inside the cgroup `rel`: a shell joins every controller, then execs node. */
const inCg = (rel: string, args: string[], timeoutMs = 15_000) =>
  run(inCgroups(cg.procsFiles(rel), [process.execPath, BIN, ...args]), {env, timeoutMs, cwd: REPO})

const hostMemTotal = (() => {
  const m = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))
  return m ? Number(m[1]) * 1024 : null
})()

const note = (t: Ran1, re: RegExp) => t.run.lines.find((l) => re.test(l.text))

function cgTest(name: string, fn: () => Promise<void>): void {
  const reason = cgroupReason ?? toolsReason
  if (reason) skip(test, name, reason)
  else test(name, fn)
}

// --- free in a limited cgroup ----------------------------------------------------------------------

let rel = ''
function limited(): string {
  if (!rel) rel = cg.create(cg.name(), {periodUs: 100_000, quotaUs: 150_000, memoryBytes: LIMIT, pidsMax: 256})
  return rel
}

cgTest(
  'free --run in a 256 MiB / 1.5-core cgroup: the "Mem:" line is annotated with the limit set and the host total',
  async () => {
    const r = await inCg(limited(), ['explain', 'free', '--run', '--json'])
    const [t] = parseTools(r, 'explain free --run --json')
    assert.ok(t)
    assert.is(t.run.status, 'ran', t.run.message)
    assert.equal(t.run.argv, ['free', '-m'])
    assert.equal(t.live.limit, {
      state: 'limited',
      value: LIMIT,
      source: join('/sys/fs/cgroup/memory', rel, 'memory.limit_in_bytes'),
    })
    const mem = note(t, /^Mem:/)
    assert.ok(mem, `no Mem: line in ${JSON.stringify(t.run.lines)}`)
    // free itself prints the host's total (MiB), not the 256 MiB limit: that is what the note is for.
    const shown = Number(mem.text.split(/\s+/)[1])
    assert.is(shown, Math.floor(hostMemTotal! / MiB), `free -m total column: ${mem.text}`)
    // The note gives the host's MemTotal in GiB (2 decimals at most): read it back, compare with /proc/meminfo.
    const gib = /"total" is the host's (\d+(?:\.\d+)?) GiB/.exec(mem.note ?? '')
    assert.ok(gib, `note: ${mem.note}`)
    assert.ok(Math.abs(Number(gib[1]) - hostMemTotal! / 1024 ** 3) <= 0.005, `note: ${mem.note}`)
    assert.ok(mem.note?.includes('your limit is 256 MiB'), `note: ${mem.note}`)
    assert.match(mem.note ?? '', /working set \d+(\.\d+)? MiB, headroom \d+(\.\d+)? MiB/)
    assert.ok(note(t, /^Swap:/)?.note?.startsWith('host swap'), 'Swap: line annotated')
  },
)

cgTest('free --run as text: the annotation sits under the Mem: line, the explanation above it', async () => {
  const r = await inCg(limited(), ['explain', 'free', '--run'])
  assert.is(r.code, 0, r.stderr)
  const lines = r.stdout.split('\n')
  const i = lines.findIndex((l) => l.startsWith('Mem:'))
  assert.ok(i > 0, r.stdout)
  assert.match(lines.slice(i + 1, i + 3).join(' '), /\^ "total" is the host's .*your limit is 256 MiB/)
  assert.ok(
    lines.indexOf('reading its fields from the guest') > 0 && lines.indexOf('reading its fields from the guest') < i,
    'explanation first',
  )
  assert.match(
    r.stdout.replace(/\s+/g, ' '),
    /held to 256 MiB \(\/sys\/fs\/cgroup\/memory\/gvtest-[\d-]+\/memory\.limit_in_bytes\)/,
  )
  for (const l of lines) assert.ok(l.length <= 80, `${l.length} > 80: ${l}`)
})

// --- every sampling tool, bounded --------------------------------------------------------------------

// Each tool runs under a 5 s timeout with interval 1, count 1. The bound checks that the run is bounded (a hung
// tool is killed), not how fast the CLI starts: on a loaded 2-CPU machine node start-up alone can take seconds.
const BOUND_MS = 15_000
const SAMPLED: [string, RegExp | null, (note: string) => boolean][] = [
  ['uptime', /load average/, (n) => n.includes('You own 1.5 cores')],
  ['mpstat', /\(\d+ CPU\)/, (n) => n.includes('this container owns 1.5 cores')],
  ['nproc', /^\s*\d+\s*$/, (n) => n.includes('the quota gives 1.5 cores')],
  ['iostat', /^avg-cpu/, (n) => n.includes('CPU split of the whole host')],
  ['vmstat', /^\s*\d+\s+\d+\s+\d+/, (n) => n.includes('your limit: 256 MiB') && n.includes('you own 1.5 cores')],
  ['pidstat', /\(\d+ CPU\)/, (n) => n.includes('you own 1.5 cores')],
  ['sar', /\(\d+ CPU\)/, (n) => n.includes('you own 1.5 cores')],
  ['cgroup', null, () => true],
]

cgTest(
  'uptime, mpstat, nproc, iostat, vmstat, pidstat, sar and the cgroup files --run: ran (or honestly not installed), each bounded',
  async () => {
    const c = limited()
    const results: [string, Ran][] = []
    // Two at a time: four node processes would crowd a 256 MiB cgroup.
    for (let i = 0; i < SAMPLED.length; i += 2) {
      const batch = SAMPLED.slice(i, i + 2)
      const ran = await Promise.all(batch.map(([tool]) => inCg(c, ['explain', tool, '--run', '--json'], 40_000)))
      batch.forEach(([tool], j) => results.push([tool, ran[j]!]))
    }
    for (const [tool, r] of results) {
      const spec = SAMPLED.find((s) => s[0] === tool)!
      const tools = parseTools(r, `explain ${tool} --run --json`)
      assert.is(tools.length, tool === 'sar' ? 2 : 1, tool)
      // The CLI itself, start-up included, stays within the bound: every run has a timeout and interval 1, count 1.
      assert.ok(r.ms < BOUND_MS * tools.length, `explain ${tool} --run took ${r.ms} ms`)
      for (const t of tools) {
        const bin = t.run.argv[0]!
        if (!commandExists(bin)) {
          assert.is(t.run.status, 'not-installed', `${t.tool}: ${bin} is not on PATH`)
          continue
        }
        assert.is(
          t.run.status,
          'ran',
          `${t.tool}: ${t.run.status} ${t.run.message ?? ''} ${JSON.stringify(t.run.lines.slice(0, 5))}`,
        )
        assert.is(t.run.exitCode, 0)
        assert.ok(t.run.lines.length > 0, `${t.tool}: no output`)
        if (spec[1]) {
          const l = note(t, spec[1])
          assert.ok(l, `${t.tool}: no line matching ${spec[1]} in ${JSON.stringify(t.run.lines.map((x) => x.text))}`)
          assert.ok(l.note && spec[2](l.note), `${t.tool}: annotation of "${l.text}": ${l.note}`)
        }
      }
      if (tool === 'cgroup') {
        const out = tools[0]!.run.lines.map((l) => l.text)
        assert.ok(out.includes('150000'), `cpu.cfs_quota_us in ${out.join(' | ')}`)
        assert.ok(out.includes(String(LIMIT)), `memory.limit_in_bytes in ${out.join(' | ')}`)
        assert.ok(out.includes('256'), `pids.max in ${out.join(' | ')}`)
      }
    }
    // The sampling tools were given interval 1, count 1: argv from the registry, never a shell.
    const argvs = results.flatMap(([, r]) => parseTools(r, 'argv').map((t) => t.run.argv.join(' ')))
    for (const a of [
      'mpstat -P ALL 1 1',
      'iostat -xz -y 1 1',
      'vmstat 1 2',
      'pidstat 1 1',
      'sar -n DEV 1 1',
      'sar -n TCP,ETCP 1 1',
    ])
      assert.ok(argvs.includes(a), `${a} not in ${argvs.join('; ')}`)
  },
)

// --- not installed, not runnable ---------------------------------------------------------------------

function plainTest(name: string, fn: () => Promise<void>): void {
  if (distMissing) skip(test, name, distMissing)
  else test(name, fn)
}

plainTest(
  'a tool that is not installed (PATH is an empty directory): not-installed, and the explanation is still shown',
  async () => {
    const noPath = {...env, PATH: emptyDir}
    const [json, text] = await Promise.all([
      run([process.execPath, BIN, 'explain', 'free', '--run', '--json'], {env: noPath, timeoutMs: 15_000, cwd: REPO}),
      run([process.execPath, BIN, 'explain', 'free', '--run'], {env: noPath, timeoutMs: 15_000, cwd: REPO}),
    ])
    const [t] = parseTools(json, 'explain free --run --json (empty PATH)')
    assert.is(t!.run.status, 'not-installed')
    assert.equal(t!.run.argv, ['free', '-m'])
    assert.equal(t!.run.lines, [])
    assert.ok(t!.fields.length > 0 && t!.summary.length > 0 && t!.yours.length > 0, 'the explanation is in the JSON')
    assert.is(text.code, 0, text.stderr)
    assert.match(
      text.stdout.replace(/\s+/g, ' '),
      /free is not installed in this container: the explanation above is all there is\./,
    )
    for (const h of [
      'what it reads, and its scope here',
      'reading its fields from the guest',
      'this container',
      'run instead',
    ]) {
      assert.ok(text.stdout.includes(h), `missing "${h}"`)
    }
  },
)

plainTest('docker stats and kubectl top --run: not-runnable, with the explanation', async () => {
  const [docker, kubectl] = await Promise.all([
    run([process.execPath, BIN, 'explain', 'docker stats', '--run', '--json'], {env, timeoutMs: 15_000, cwd: REPO}),
    run([process.execPath, BIN, 'explain', 'kubectl', 'top', '--run'], {env, timeoutMs: 15_000, cwd: REPO}),
  ])
  const [t] = parseTools(docker, 'explain docker stats --run --json')
  assert.is(t!.run.status, 'not-runnable')
  assert.match(t!.run.message ?? '', /runs on the host/)
  assert.ok(t!.fields.some((x) => x.field === 'MEM USAGE / LIMIT'))
  assert.is(kubectl.code, 0, kubectl.stderr)
  assert.match(kubectl.stdout, /kubectl top runs on the host \(or the API server\), not inside a container/)
})

test.run()
