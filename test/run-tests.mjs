#!/usr/bin/env node
// Runs every test/**/*.test.ts(x), and the component tests kept beside their components in src/ (cli-kit
// style: src/doc/ink/Rows.test.tsx), with uvu under tsx; streams its output, and ends with the plain line CI
// reads: "N passed, N failed, N skipped". A pattern argument is matched against paths from the repository
// root ("test/parse/...", "src/doc/..."), so 'parse/|scenarios' still picks the test files it did. uvu's own summary is parsed (Total/Passed/Skipped), and two uvu
// traps are caught: a file that fails to load prints no summary (counted as a failure), and a suite whose
// before/after hook throws prints "(0 / N)" but exits 0 (its N tests count as failed: Total - Passed).
// Skip reasons that tests log (test/helpers/skip.ts) are repeated at the end, so no skip is silent.
// The CLI's code cache (scripts/loader.mjs) goes to a directory of this run's, removed with it.
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

// Only test files run: a pattern narrows them ('parse/|scenarios'), it never picks helpers or snapshots.
const pattern = `^(?=.*(?:${process.argv[2] ?? ''})).*\\.test\\.tsx?$`
const logDir = mkdtempSync(join(tmpdir(), 'guestview-test-'))
const skipLog = join(logDir, 'skips.log')

// uvu walks from the repository root; everything but src/ and test/ (fixtures, node_modules, dist) is skipped.
// The bundle's code cache goes to the run's temporary directory, not the user's ~/.cache.
const uvu = ['node_modules/uvu/bin.js', '.', pattern, '--ignore', '^(?!(src|test)(/|$))', '--no-color']
const child = spawn(process.execPath, ['--import', 'tsx', ...uvu], {
  env: {
    ...process.env,
    GUESTVIEW_SKIP_LOG: skipLog,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(logDir, 'cache'),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let out = ''
child.stdout.on('data', (d) => {
  out += d
  process.stdout.write(d)
})
child.stderr.on('data', (d) => {
  out += d
  process.stderr.write(d)
})
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)))

let skipped = []
try {
  skipped = readFileSync(skipLog, 'utf8').split('\n').filter(Boolean)
} catch {}
rmSync(logDir, {recursive: true, force: true})

const num = (label) => {
  const m = new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(out.replace(/\u001b\[[0-9;]*m/g, ''))
  return m ? Number(m[1]) : null
}
const total = num('Total')
const passed = num('Passed')
const skips = num('Skipped')
if (skipped.length > 0) {
  console.log('\nSkipped tests and why:')
  for (const s of skipped) console.log(`  skipped: ${s}`)
}
if (total === null || passed === null) {
  console.log('\nuvu printed no summary (a test file failed to load?)')
  console.log(`0 passed, 1 failed, ${skipped.length} skipped`)
  process.exit(1)
}
const failed = total - passed
console.log(`\n${passed} passed, ${failed} failed, ${skips ?? skipped.length} skipped`)
process.exit(failed > 0 || code !== 0 ? 1 : 0)
