#!/usr/bin/env node
// Runs every test/**/*.test.ts(x) with uvu under tsx, streams its output, and ends with the plain line CI
// reads: "N passed, N failed, N skipped". uvu's own summary is parsed (Total/Passed/Skipped), and two uvu
// traps are caught: a file that fails to load prints no summary (counted as a failure), and a suite whose
// before/after hook throws prints "(0 / N)" but exits 0 (its N tests count as failed: Total - Passed).
// Skip reasons that tests log (test/helpers/skip.ts) are repeated at the end, so no skip is silent.
//
//   node test/run-tests.mjs [PATTERN] [--unit]
// PATTERN is a regular expression over the file paths under test/ (default: every *.test.ts(x)).
// --unit leaves out the live tests, named *.live.test.ts(x): those that run real programs (the built CLI,
// cgroups, podman, namespaces, a pty, a loopback server). What is left needs no root, no build and no
// network, and is the fast loop (`npm run test:unit`). Unit tests share nothing, so they run in one uvu
// process per CPU, each file in one of them; live tests run in one process, one file after another.
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse} from 'uvu/parse'

const args = process.argv.slice(2)
const unit = args.includes('--unit')
const pattern = args.find((a) => a !== '--unit') ?? '\\.test\\.tsx?$'
const LIVE = '\\.live\\.test\\.tsx?$'
const logDir = mkdtempSync(join(tmpdir(), 'guestview-test-'))
const skipLog = join(logDir, 'skips.log')

/** Split files into n groups of about equal size (largest first, each to the lightest group). */
function shard(suites, n) {
  const groups = Array.from({length: n}, () => ({bytes: 0, names: []}))
  const sized = suites.map((s) => ({name: s.name, bytes: statSync(s.file).size})).sort((a, b) => b.bytes - a.bytes)
  for (const s of sized) {
    const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a))
    g.bytes += s.bytes
    g.names.push(s.name)
  }
  return groups.filter((g) => g.names.length > 0).map((g) => g.names.sort())
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One uvu process over the files PATTERN matches; its output streamed (stream) or kept until it ends. */
function uvu(filePattern, stream) {
  const uvuArgs = ['node_modules/uvu/bin.js', 'test', filePattern, '--no-color', ...(unit ? ['--ignore', LIVE] : [])]
  const child = spawn(process.execPath, ['--import', 'tsx', ...uvuArgs], {
    env: {...process.env, GUESTVIEW_SKIP_LOG: skipLog, FORCE_COLOR: '0', NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
    if (stream) process.stdout.write(d)
  })
  child.stderr.on('data', (d) => {
    out += d
    if (stream) process.stderr.write(d)
  })
  return new Promise((resolve) => child.on('close', (c) => resolve({code: c ?? 1, out})))
}

let runs
if (unit) {
  const {suites} = await parse('test', pattern, {ignore: LIVE})
  const groups = shard(suites, Math.max(1, availableParallelism()))
  const pending = groups.map((names) => uvu(`^(${names.map(escape).join('|')})$`, groups.length === 1))
  runs = await Promise.all(pending)
  if (groups.length > 1) for (const r of runs) process.stdout.write(r.out)
} else {
  runs = [await uvu(pattern, true)]
}

let skipped = []
try {
  skipped = readFileSync(skipLog, 'utf8').split('\n').filter(Boolean)
} catch {}
rmSync(logDir, {recursive: true, force: true})

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
if (loadFailures > 0) console.log('\nuvu printed no summary (a test file failed to load?)')
const failed = total - passed + loadFailures
console.log(`\n${passed} passed, ${failed} failed, ${loadFailures === runs.length ? skipped.length : skips} skipped`)
process.exit(failed > 0 || exitFailures > 0 ? 1 : 0)
