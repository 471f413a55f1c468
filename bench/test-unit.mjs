#!/usr/bin/env node
// How long `npm run test:unit` takes, side by side in one run: the unit tests in one uvu process
// (GUESTVIEW_TEST_SHARDS=1) and shared out over one process per CPU (what test:unit does); with
// `--baseline DIR`, another checkout's test:unit (say, main before a change, with its own node_modules)
// against this one's instead. Runs alternate, so machine noise hits every case alike; we report medians,
// minimums and the ratio, and whether this checkout's run meets the 10 s target of the fast loop. CPU seconds
// (user + system, children included) are reported too: on a shared machine they say more than the wall clock.
// The load average is printed at the start and the end.
// Usage: node bench/test-unit.mjs [runs=5] [--baseline DIR]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {median} from './lib/interleave.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const at = args.indexOf('--baseline')
const baseline = at >= 0 ? resolve(args[at + 1] ?? '.') : null
const runs = Number(args.find((a, i) => /^\d+$/.test(a) && i !== at + 1) ?? 5)
const perCpu = `one process per CPU (${availableParallelism()})`
const cases = baseline
  ? [
      {name: `baseline ${baseline}, ${perCpu}`, cwd: baseline, env: {}},
      {name: `this checkout, ${perCpu}`, cwd: repo, env: {}},
    ]
  : [
      {name: 'one process (GUESTVIEW_TEST_SHARDS=1)', cwd: repo, env: {GUESTVIEW_TEST_SHARDS: '1'}},
      {name: perCpu, cwd: repo, env: {}},
    ]
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
const loadAtStart = load()
const times = cases.map(() => [])
const cpus = cases.map(() => [])
// One warm-up of each (tsx's transform cache, the timing cache test:unit shares files by) is not counted.
for (let i = 0; i < runs + 1; i++) {
  for (const [k, c] of cases.entries()) {
    const t0 = process.hrtime.bigint()
    // bash's `time` reports the CPU seconds of the run and all its children (TIMEFORMAT: user system).
    const r = spawnSync('bash', ['-c', 'time "$0" test/run-tests.mjs --unit', process.execPath], {
      cwd: c.cwd,
      env: {...process.env, ...c.env, TIMEFORMAT: '%U %S'},
      encoding: 'utf8',
    })
    const s = Number(process.hrtime.bigint() - t0) / 1e9
    const last = /\n(\d+) passed, (\d+) failed/.exec(r.stdout)
    if (r.status !== 0 || !last) {
      // The whole output is kept: the failing test's report is far above the summary.
      const log = join(mkdtempSync(join(tmpdir(), 'gv-bench-unit-')), 'output.log')
      writeFileSync(log, `${r.stdout}\n${r.stderr}`)
      console.error(`bench: ${c.name} failed (exit ${r.status}; whole output in ${log}): ${r.stdout.slice(-400)}`)
      process.exit(1)
    }
    const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number)
    if (i >= 1) {
      times[k].push(s)
      cpus[k].push(user + sys)
    }
  }
}
console.log(
  `test:unit, ${runs} alternating runs each, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`,
)
console.log(`load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${load()}\n`)
const vs = baseline ? 'baseline' : 'one process'
console.log(`| how | median s | min s | median CPU s | × ${vs} (wall) | × ${vs} (CPU) |`)
console.log('|---|---:|---:|---:|---:|---:|')
const base = median(times[0])
const baseCpu = median(cpus[0])
for (const [k, c] of cases.entries()) {
  const med = median(times[k])
  const cpu = median(cpus[k])
  console.log(
    `| ${c.name} | ${med.toFixed(1)} | ${Math.min(...times[k]).toFixed(1)} | ${cpu.toFixed(1)} | ${(med / base).toFixed(2)} | ${(cpu / baseCpu).toFixed(2)} |`,
  )
}
const fast = median(times[1])
console.log(`\ntest:unit median ${fast.toFixed(1)} s (target < 10 s): ${fast < 10 ? 'met' : 'NOT met'}`)
