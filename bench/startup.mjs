#!/usr/bin/env node
// Start-up benchmark, side by side in one run: the floor for any Node CLI (`node -e 0`), `guestview owns
// --json` (fast path), the same through oclif (GUESTVIEW_NO_FAST_PATH=1), the plain-text screen, importing
// prom-client alone and `guestview metrics` (which loads it), and the
// JDK's own container report where java exists. Commands run interleaved round-robin, so machine noise
// hits all of them alike; we report medians and each median's ratio to `node -e 0`.
// Usage: npm run build && node bench/startup.mjs [runs=30]
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(repo, 'bin', 'run.js')
if (!existsSync(join(repo, 'dist', 'src', 'cli', 'fast.js'))) {
  console.error('bench: run `npm run build` first (bin/run.js needs dist/)')
  process.exit(2)
}
const runs = Number(process.argv[2] ?? 30)
const node = process.execPath
const env = {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}
const cases = [
  {name: 'node -e 0', cmd: node, args: ['-e', '0']},
  {name: 'guestview owns --json', cmd: node, args: [bin, 'owns', '--json']},
  {name: 'guestview owns (plain text)', cmd: node, args: [bin, 'owns', '--no-color']},
  // prom-client's import cost, and what it adds where it is loaded (metrics, serve; lazily, nowhere else).
  {
    name: 'node -e "import(\'prom-client\')"',
    cmd: node,
    args: ['--input-type=module', '-e', "await import('prom-client')"],
  },
  {name: 'guestview metrics', cmd: node, args: [bin, 'metrics']},
  {
    name: 'guestview owns --json via oclif',
    cmd: node,
    args: [bin, 'owns', '--json'],
    env: {GUESTVIEW_NO_FAST_PATH: '1'},
  },
]
if (spawnSync('java', ['-version'], {stdio: 'ignore'}).status === 0) {
  cases.push({name: 'java -XshowSettings:system -version', cmd: 'java', args: ['-XshowSettings:system', '-version']})
}

const times = cases.map(() => [])
for (let i = 0; i < runs + 2; i++) {
  for (const [k, c] of cases.entries()) {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(c.cmd, c.args, {env: {...env, ...c.env}, stdio: 'ignore'})
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.status !== 0) {
      console.error(`bench: ${c.name} exited ${r.status}`)
      process.exit(1)
    }
    if (i >= 2) times[k].push(ms) // two warm-up rounds (page cache) are not counted
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const floor = median(times[0])
console.log(
  `startup, ${runs} interleaved runs each, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`,
)
console.log('| command | median ms | min ms | × node -e 0 |')
console.log('|---|---:|---:|---:|')
for (const [k, c] of cases.entries()) {
  const med = median(times[k])
  console.log(
    `| \`${c.name}\` | ${med.toFixed(0)} | ${Math.min(...times[k]).toFixed(0)} | ${(med / floor).toFixed(2)} |`,
  )
}
const ratio = median(times[1]) / floor
console.log(`\nowns --json / node -e 0 = ${ratio.toFixed(2)} (target <= 2.00): ${ratio <= 2 ? 'met' : 'NOT met'}`)
