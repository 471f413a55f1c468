#!/usr/bin/env node
// Runs every test/**/*.test.ts(x), and the component tests kept beside their components in src/ (cli-kit
// style: src/doc/ink/Rows.test.tsx), with uvu under tsx; streams its output, and ends with the plain line CI
// reads: "N passed, N failed, N skipped". uvu's own summary is parsed (Total/Passed/Skipped), and two uvu
// traps are caught: a file that fails to load prints no summary (counted as a failure), and a suite whose
// before/after hook throws prints "(0 / N)" but exits 0 (its N tests count as failed: Total - Passed).
// Skip reasons that tests log (test/helpers/skip.ts) are repeated at the end, so no skip is silent.
//
//   node test/run-tests.mjs [PATTERN] [--unit]
// PATTERN narrows the test files by their path from the repository root ("test/parse/...", "src/doc/..."),
// so 'parse/|scenarios' picks what it says; it never picks helpers or snapshots.
// --unit leaves out the live tests, named *.live.test.ts(x): those that run real programs (the built CLI,
// cgroups, podman, namespaces, a pty, a loopback server). What is left needs no root, no build and no
// network, and is the fast loop (`npm run test:unit`), run from an esbuild-compiled copy with plain node, not
// under tsx (see COMPILED; GUESTVIEW_TEST_TSX=1 uses tsx). Unit tests share nothing, so they run in one uvu
// process per CPU, the files shared out by how long each took last time (node_modules/.cache/, else by
// size); live tests run in one process, one file after another. The few exhaustive tests run a sample in the
// fast loop (test/helpers/sample.ts: Ink on some fixtures, 25 corrupted sysroots, not 500), drawn from one
// seed per run that is printed at the end (GUESTVIEW_TEST_SEED=N repeats it). The fast loop loads React's
// production build, as the shipped bundle does (scripts/build.mjs); `npm test` keeps the development build
// and its checks. The CLI's code cache (scripts/loader.mjs) goes to a directory of this run's, removed with it.
import {spawn} from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse} from 'uvu/parse'
import {vendor} from './unit-vendor.mjs'

const args = process.argv.slice(2)
const unit = args.includes('--unit')
// Only test files run: a pattern narrows them, it never picks helpers or snapshots.
const pattern = `^(?=.*(?:${args.find((a) => a !== '--unit') ?? ''})).*\\.test\\.tsx?$`
const LIVE = '\\.live\\.test\\.(tsx?|js)$'
// uvu walks from the repository root; everything but src/ and test/ (fixtures, node_modules, dist) is skipped.
const OUTSIDE = '^(?!(src|test)(/|$))'
const TIMES = join('node_modules', '.cache', 'guestview', 'test-ms.json')
// The fast loop runs the tests compiled by esbuild, with plain node: tsx's loader hooks run off-thread in Node
// 20 and cost each process about 1.5 s of CPU over ink's and react's hundreds of modules (bench/test-unit.mjs).
// The copy lives under node_modules (so bare imports resolve to the checkout's packages), mirrors src/, test/,
// commands/ and bench/, and is brought up to date file by file; test/helpers/paths.ts finds the checkout
// from it. Stack traces point at the TypeScript sources (inline source maps, --enable-source-maps). The
// packages the tests import load from a bundle beside it, rebuilt when node_modules changes (unit-vendor.mjs).
const COMPILED = join('node_modules', '.cache', 'guestview', 'unit-js')
const SOURCES = ['src', 'test', 'commands', 'bench']
// The fast loop's scratch files (fixture copies for the fuzz, captures, temporary trees) go to memory where
// the machine has a tmpfs at /dev/shm and the caller set no TMPDIR: on these VMs /tmp is ext4 on a virtual
// disk, where a mkdir costs about 0.6 ms, and two shards creating trees at once spent 7 s of system time
// against 2 s on tmpfs (test:unit 12.6-12.8 s against 8.2-10.4 s, side by side). npm test keeps /tmp: its live
// tests hand directories to podman, lxcfs and other users.
function memoryTmp() {
  if (!unit || process.env.TMPDIR) return null
  try {
    return statSync('/dev/shm').isDirectory() ? mkdtempSync('/dev/shm/guestview-unit-') : null
  } catch {
    return null
  }
}
const scratch = memoryTmp()
// The single file keeps its code cache in $TMPDIR/guestview-UID where a user has no cache directory of their own
// and none is shipped beside it (scripts/loader.mjs): tests that run it as another user (nobody, a uid with no
// passwd entry) make one. The run removes those it made, and leaves any that were there before.
const tmpCaches = () => {
  try {
    return readdirSync(tmpdir()).filter((f) => /^guestview-\d+$/.test(f))
  } catch {
    return []
  }
}
const cachesBefore = new Set(tmpCaches())
const removeTmpCaches = () => {
  for (const f of tmpCaches()) if (!cachesBefore.has(f)) rmSync(join(tmpdir(), f), {recursive: true, force: true})
}
// Memory is not left behind when the run is interrupted (Ctrl-C), as a directory in /tmp would be: the uvu
// processes are stopped (by PID) and waited for, then the scratch directory goes.
const children = new Set()
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, async () => {
    await Promise.all(
      [...children].map(
        (c) => new Promise((done) => (c.exitCode !== null ? done() : (c.once('close', done), c.kill(signal)))),
      ),
    )
    if (scratch) rmSync(scratch, {recursive: true, force: true})
    removeTmpCaches()
    process.exit(130)
  })
const logDir = mkdtempSync(join(scratch ?? tmpdir(), 'guestview-test-'))
const skipLog = join(logDir, 'skips.log')
const sampleLog = join(logDir, 'samples.log')
const seed = /^\d+$/.test(process.env.GUESTVIEW_TEST_SEED ?? '')
  ? process.env.GUESTVIEW_TEST_SEED
  : String(Date.now() % 2 ** 31)

function readTimes() {
  try {
    return JSON.parse(readFileSync(TIMES, 'utf8'))
  } catch {
    return {}
  }
}

/** Split files into n groups of about equal run time (longest first, each to the lightest group). */
function shard(suites, n) {
  const times = readTimes()
  // A file not timed yet weighs by its size (about 1 ms per 10 bytes of test code).
  const cost = (s) => times[s.name] ?? statSync(s.file).size / 10
  const groups = Array.from({length: n}, () => ({ms: 0, names: []}))
  for (const s of [...suites].sort((a, b) => cost(b) - cost(a))) {
    const g = groups.reduce((a, b) => (b.ms < a.ms ? b : a))
    g.ms += cost(s)
    g.names.push(s.name)
  }
  return groups.filter((g) => g.names.length > 0).map((g) => g.names.sort())
}

const TEST_NAME = /^\S+\.test\.(tsx?|js)$/

/** uvu prints each file's name as its tests start: the time between two names is the first file's. */
function timeFiles(out, starts, sourceOf) {
  const times = {}
  const names = out.split('\n').filter((l) => TEST_NAME.test(l))
  names.forEach((name, i) => {
    const next = starts.get(names[i + 1]) ?? starts.get(null)
    if (starts.has(name) && next !== undefined) times[sourceOf(name)] = Math.round(next - starts.get(name))
  })
  return times
}

/** Every .ts/.tsx file under SOURCES (not .d.ts), as paths from the repository root. */
function sourceFiles() {
  const files = []
  const walk = (dir) => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p)
    }
  }
  for (const d of SOURCES) if (existsSync(d)) walk(d)
  return files
}

const compiledName = (source) => source.replace(/\.tsx?$/, '.js')

/** Bring COMPILED up to date: compile what changed since its copy, remove copies whose source is gone. */
async function compile() {
  // A checkout whose node_modules is a link to another's (a git worktree set up that way) would share this copy
  // with it: each would run whichever sources were compiled last, judged by file times, and find the other's
  // fixtures (test/helpers/paths.ts follows the link).
  if (realpathSync('node_modules') !== realpathSync('.') + '/node_modules') {
    console.error("test/run-tests.mjs: node_modules is a link to another checkout's; run `npm ci` in this one")
    process.exit(2)
  }
  const sources = sourceFiles()
  const stale = sources.filter((f) => {
    const out = join(COMPILED, compiledName(f))
    return !existsSync(out) || statSync(out).mtimeMs < statSync(f).mtimeMs
  })
  const wanted = new Set(sources.map(compiledName))
  const walk = (dir) => {
    for (const e of existsSync(join(COMPILED, dir)) ? readdirSync(join(COMPILED, dir), {withFileTypes: true}) : []) {
      const rel = join(dir, e.name)
      if (e.isDirectory()) walk(rel)
      else if (rel.endsWith('.js') && !wanted.has(rel)) rmSync(join(COMPILED, rel))
    }
  }
  for (const d of SOURCES) walk(d)
  if (stale.length > 0) {
    const {build} = await import('esbuild')
    // tsconfig.json's settings (jsx: react-jsx) as tsx applies them; one file in, one file out, no bundling.
    await build({
      entryPoints: stale,
      outdir: COMPILED,
      outbase: '.',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: 'tsconfig.json',
      sourcemap: 'inline',
      logLevel: 'error',
    })
  }
  // Under node_modules no package.json of ours is in scope: say that these files are ES modules.
  mkdirSync(COMPILED, {recursive: true})
  writeFileSync(join(COMPILED, 'package.json'), '{"type": "module"}\n')
  // Ink, React, fast-check and the other packages the tests import, as a few bundled chunks (test/unit-vendor.mjs).
  await vendor(COMPILED)
  return new Map(sources.map((f) => [compiledName(f), f]))
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One uvu process over the files PATTERN matches; its output streamed (stream) or kept until it ends. */
function uvu(filePattern, stream, compiled = null) {
  const ignore = ['--ignore', OUTSIDE, ...(unit ? ['--ignore', LIVE] : [])]
  const uvuArgs = ['node_modules/uvu/bin.js', compiled ? COMPILED : '.', filePattern, ...ignore, '--no-color']
  // Under tsx, the ES modules of node_modules load with the bundle's edits (test/dependency-edits-hook.mjs).
  const loader = compiled
    ? ['--enable-source-maps']
    : ['--import', './test/dependency-edits-hook.mjs', '--import', 'tsx']
  const child = spawn(process.execPath, [...loader, ...uvuArgs], {
    env: {
      ...(unit ? {NODE_ENV: 'production'} : {}),
      ...process.env,
      ...(unit ? {GUESTVIEW_TEST_LOOP: 'unit'} : {}),
      GUESTVIEW_TEST_SEED: seed,
      GUESTVIEW_SKIP_LOG: skipLog,
      GUESTVIEW_SAMPLE_LOG: sampleLog,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      XDG_CACHE_HOME: join(logDir, 'cache'),
      ...(scratch ? {TMPDIR: scratch} : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  const starts = new Map() // file name -> when uvu printed it (null: when the run ended)
  let partial = ''
  child.stdout.on('data', (d) => {
    out += d
    if (stream) process.stdout.write(d)
    const lines = (partial + d).split('\n')
    partial = lines.pop()
    for (const l of lines) if (TEST_NAME.test(l)) starts.set(l, performance.now())
  })
  child.stderr.on('data', (d) => {
    out += d
    if (stream) process.stderr.write(d)
  })
  return new Promise((resolve) =>
    child.on('close', (c) => {
      starts.set(null, performance.now())
      resolve({code: c ?? 1, out, times: timeFiles(out, starts, (n) => compiled?.get(n) ?? n)})
    }),
  )
}

let runs
if (unit) {
  const {suites} = await parse('.', pattern, {ignore: [OUTSIDE, LIVE]})
  // GUESTVIEW_TEST_SHARDS=1 runs them in one process (the baseline of bench/test-unit.mjs).
  const groups = shard(suites, Math.max(1, Number(process.env.GUESTVIEW_TEST_SHARDS) || availableParallelism()))
  // GUESTVIEW_TEST_TSX=1 runs the fast loop under tsx, as npm test does (the baseline of bench/test-unit.mjs).
  const compiled = process.env.GUESTVIEW_TEST_TSX === '1' ? null : await compile()
  const pick = (names) => (compiled ? names.map(compiledName) : names)
  const pending = groups.map((names) => uvu(`^(${pick(names).map(escape).join('|')})$`, groups.length === 1, compiled))
  runs = await Promise.all(pending)
  if (groups.length > 1) for (const r of runs) process.stdout.write(r.out)
} else {
  runs = [await uvu(pattern, true)]
}

try {
  mkdirSync(join('node_modules', '.cache', 'guestview'), {recursive: true})
  writeFileSync(TIMES, JSON.stringify({...readTimes(), ...Object.assign({}, ...runs.map((r) => r.times))}, null, 1))
} catch {} // only a hint for the next run's shares

const lines = (file) => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean)
  } catch {
    return []
  }
}
const skipped = lines(skipLog)
const sampled = lines(sampleLog)
rmSync(logDir, {recursive: true, force: true})
if (scratch) rmSync(scratch, {recursive: true, force: true})
removeTmpCaches()

const num = (out, label) => {
  const m = new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(out.replace(/\u001b\[[0-9;]*m/g, ''))
  return m ? Number(m[1]) : null
}
let [total, passed, skips, loadFailures, exitFailures] = [0, 0, 0, 0, 0]
for (const {code, out} of runs) {
  const t = num(out, 'Total')
  const p = num(out, 'Passed')
  if (t === null || p === null) loadFailures++
  else {
    total += t
    passed += p
    skips += num(out, 'Skipped') ?? 0
  }
  if (code !== 0) exitFailures++
}
if (skipped.length > 0) {
  console.log('\nSkipped tests and why:')
  for (const s of skipped) console.log(`  skipped: ${s}`)
}
if (sampled.length > 0) {
  console.log(`\nRun in part (seed ${seed}: GUESTVIEW_TEST_SEED=${seed} draws the same sample again):`)
  for (const s of sampled) console.log(`  sampled: ${s}`)
}
if (loadFailures > 0) console.log('\nuvu printed no summary (a test file failed to load?)')
const failed = total - passed + loadFailures
console.log(`\n${passed} passed, ${failed} failed, ${loadFailures === runs.length ? skipped.length : skips} skipped`)
process.exit(failed > 0 || exitFailures > 0 ? 1 : 0)
