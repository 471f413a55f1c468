#!/usr/bin/env node
// Start-up benchmark for issue 10's table, every row side by side in one run: each command of the built
// single file (dist/guestview.mjs) against the floor for any Node program, `node -e 0` (and, for the rows
// drawn with Ink on a terminal, `node -e 0` under the same `script` pseudo-terminal). Medians, and each
// median's ratio to its floor; peak RSS of `report --json` beside `node -e 0`'s. hyperfine runs the
// commands when it is installed (apt-get install hyperfine), else a Node harness that interleaves them
// round-robin, so machine noise hits all alike. Runs use a warm code cache, as every run after a user's
// first does (scripts/loader.mjs); one row shows `owns --json` without it.
//
// Usage: npm run build && node bench/startup.mjs [--runs 30] [--node PATH] [--against CHECKOUT] [--out FILE]
//                                               [--interleave]
//   --node      run the CLI (and the floors) under this Node instead of this one
//   --against   also time another checkout's build (its dist/guestview.mjs: e.g. main before this change), same commands
//   --out       where the Markdown table goes (default bench/results.md; the README quotes it)
//   --interleave the Node harness even where hyperfine is installed: hyperfine times one command after
//                another, so a load that comes and goes (other jobs on a shared VM) lands on some rows only
// These VMs are shared and noisy: quote the ratios, not the milliseconds, and the load average beside them.
// Interleaved, the rows run in a new random order each round, and each ratio gets a 95% interval (rounds
// resampled: bench/lib/interleave.mjs); a goal is "met" only where the whole interval is under it, "not met"
// where the whole interval is over it, and "within the noise" where it spans it. Each ratio is also given
// round by round: the median of each round's time over the floor's in the same round, with its own 95% interval;
// where only that interval is under the goal, the row says "met round by round" (the load a round's runs shared
// cancels in it, and not in the ratio of two medians). A control row runs `owns --json` a second time with a
// cache of its own: two identical commands, measured in one run.
// The table also gives each row's CPU time (user + system, its whole process tree) and its ratio to the
// floor's: waiting for a CPU on a loaded machine lengthens the wall time, not the CPU time.
import {spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {interleaved, ratioInterval, roundRatio} from './lib/interleave.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const {values: opt} = parseArgs({
  options: {
    runs: {type: 'string', default: '30'},
    node: {type: 'string', default: process.execPath},
    against: {type: 'string'},
    out: {type: 'string', default: join(REPO, 'bench', 'results.md')},
    interleave: {type: 'boolean', default: false},
  },
})
const RUNS = Number(opt.runs)
const NODE = opt.node
const BUNDLE = join(REPO, 'dist', 'guestview.mjs')
if (!existsSync(BUNDLE)) stop('run `npm run build` first: dist/guestview.mjs is missing')
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0
const HYPERFINE = !opt.interleave && has('hyperfine')
const SCRIPT = has('script')
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

const cache = mkdtempSync(join(tmpdir(), 'guestview-bench-'))
const env = {...process.env, XDG_CACHE_HOME: cache, NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}
// On a terminal: what a person has (TERM set, no NO_COLOR, no CI variables that turn colour off).
const ttyEnv = {...env, TERM: 'xterm-256color'}
for (const v of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS']) delete ttyEnv[v]

const q = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`
const cmd = (argv) => argv.map(q).join(' ')
const pty = (argv) => ['script', '-qec', `stty cols 100 rows 60; exec ${cmd(argv)}`, '/dev/null']

/** Rows: name, argv, floor (which `node -e 0` it is compared with), goal (× floor), env. */
const gv = (...args) => [NODE, BUNDLE, ...args]
const rows = [
  {name: '`node -e 0`', argv: [NODE, '-e', '0'], floor: 'pipe'},
  {name: '`owns --json`', argv: gv('owns', '--json'), goal: 1.3},
  // The same command again, with a code cache of its own: how far apart two identical rows come out in one run.
  {
    name: '`owns --json` again (a control: the same command, a cache of its own)',
    argv: gv('owns', '--json'),
    env: {XDG_CACHE_HOME: join(cache, 'control')},
  },
  {name: '`owns --json`, first run (no code cache)', argv: gv('owns', '--json'), env: {GUESTVIEW_CODE_CACHE: '0'}},
  {name: '`report --json`', argv: gv('report', '--json'), goal: 1.5},
  {name: '`check`', argv: gv('check'), goal: 1.5},
  {name: '`views --json`', argv: gv('views', '--json'), goal: 1.5},
  {name: '`explain free`', argv: gv('explain', 'free'), goal: 1.5},
  {name: '`metrics` (pipe)', argv: gv('metrics'), goal: 1.5},
]
// The image's case: no cache of the user's (a read-only root, uid 65534), the one shipped beside the file
// (scripts/ship-code-cache.mjs, made by this Node); a relative XDG_CACHE_HOME is refused as a read-only HOME is.
const shippedDir = join(cache, 'shipped')
mkdirSync(shippedDir)
copyFileSync(BUNDLE, join(shippedDir, 'guestview.mjs'))
const shipping = spawnSync(NODE, [join(REPO, 'scripts', 'ship-code-cache.mjs'), shippedDir], {stdio: 'ignore'})
if (shipping.status !== 0) stop('scripts/ship-code-cache.mjs failed')
const noUserCache = {XDG_CACHE_HOME: 'relative'}
rows.push(
  {
    name: "`owns --json`, no cache of the user's, the shipped one (the image)",
    argv: [NODE, join(shippedDir, 'guestview.mjs'), 'owns', '--json'],
    env: noUserCache,
  },
  {
    name: "`check`, no cache of the user's, the shipped one (the image)",
    argv: [NODE, join(shippedDir, 'guestview.mjs'), 'check'],
    env: noUserCache,
  },
  {name: '`check`, first run (no code cache)', argv: gv('check'), env: {GUESTVIEW_CODE_CACHE: '0'}},
)
// `kubectl cp` into a locked-down pod: no cache of the user's and none shipped beside the file, so the loader keeps
// one in the temporary directory ($TMPDIR/guestview-UID).
const podTmp = join(cache, 'tmp')
mkdirSync(podTmp)
rows.push({
  name: "`owns --json`, no cache of the user's and none shipped (`kubectl cp`): its own in $TMPDIR",
  argv: gv('owns', '--json'),
  env: {...noUserCache, TMPDIR: podTmp},
})
if (SCRIPT)
  rows.push(
    {name: '`node -e 0` on a terminal', argv: pty([NODE, '-e', '0']), floor: 'tty', tty: true},
    {name: '`guestview` overview on a terminal (Ink)', argv: pty(gv()), goal: 3, tty: true},
    {name: '`owns` on a terminal (Ink)', argv: pty(gv('owns')), goal: 3, tty: true},
  )
if (opt.against) {
  // Its single file, run as this build's is (bin/run.js only adds one module in between).
  const file = join(opt.against, 'dist', 'guestview.mjs')
  if (!existsSync(file)) stop(`--against: no ${file}`)
  // A code cache directory of its own: each build deletes other builds' cache files from its directory
  // (scripts/loader.mjs), so two builds sharing one would compile on most runs.
  const own = {XDG_CACHE_HOME: join(cache, 'against')}
  const of = (...args) => [NODE, file, ...args]
  rows.push(
    {name: `\`owns --json\` of ${opt.against}`, argv: of('owns', '--json'), env: own},
    {name: `\`report --json\` of ${opt.against}`, argv: of('report', '--json'), env: own},
    {name: `\`check\` of ${opt.against}`, argv: of('check'), env: own},
    {name: `\`explain free\` of ${opt.against}`, argv: of('explain', 'free'), env: own},
    {name: `\`metrics\` (pipe) of ${opt.against}`, argv: of('metrics'), env: own},
  )
  if (SCRIPT)
    rows.push(
      {name: `overview on a terminal of ${opt.against}`, argv: pty(of()), tty: true, env: own},
      {name: `\`owns\` on a terminal of ${opt.against}`, argv: pty(of('owns')), tty: true, env: own},
    )
}
for (const r of rows) r.env = {...(r.tty ? ttyEnv : env), ...r.env}

// Every command must work before it is timed (and the warm-up writes the code caches).
for (const r of rows) {
  const res = spawnSync(r.argv[0], r.argv.slice(1), {env: r.env, stdio: ['ignore', 'pipe', 'pipe']})
  if (res.status !== 0) stop(`${r.name} exited ${res.status}: ${String(res.stderr).slice(0, 300)}`)
}

const load0 = loadavg()[0]
const t0 = Date.now()
const {medians, cpu, times} = HYPERFINE ? viaHyperfine() : viaNode()
const seconds = (Date.now() - t0) / 1000
const load1 = loadavg()[0]
const rss = TIME
  ? {
      floor: peakRss([NODE, '-e', '0']),
      report: peakRss(gv('report', '--json')),
      against: opt.against ? peakRss([NODE, join(opt.against, 'dist', 'guestview.mjs'), 'report', '--json']) : null,
    }
  : null
rmSync(cache, {recursive: true, force: true})

// ---- report ----
const floor = {pipe: medians[0], tty: rows.findIndex((r) => r.floor === 'tty')}
floor.tty = floor.tty >= 0 ? medians[floor.tty] : null
const nodeVersion = spawnSync(NODE, ['--version'], {encoding: 'utf8'}).stdout.trim()
const lines = [
  `Measured by \`node bench/startup.mjs\` on ${new Date().toISOString().slice(0, 10)}: Node ${nodeVersion}, ` +
    `${cpus().length} CPUs, ${HYPERFINE ? `hyperfine, ${RUNS} runs each after 3 warm-ups` : `${RUNS} interleaved runs each`}, ` +
    `load average ${load0.toFixed(1)} at the start and ${load1.toFixed(1)} at the end (${seconds.toFixed(0)} s).` +
    // Node 20 parses every certificate of NODE_EXTRA_CA_CERTS as it starts (Node 24 does it on first TLS use):
    // this VM's environment sets it, which adds about 90 ms to every Node 20 row, the floor included.
    (env.NODE_EXTRA_CA_CERTS
      ? ` NODE_EXTRA_CA_CERTS is set (${env.NODE_EXTRA_CA_CERTS}).`
      : ' NODE_EXTRA_CA_CERTS is unset.'),
  '',
  '| command | median ms | × `node -e 0` | 95% interval | round by round (95% interval) | goal | | CPU ms | CPU × `node -e 0` |',
  '|---|---:|---:|---:|---:|---:|---|---:|---:|',
]
const floorIndex = {pipe: 0, tty: rows.findIndex((r) => r.floor === 'tty')}
rows.forEach((r, i) => {
  const base = r.tty ? floor.tty : floor.pipe
  const ratio = medians[i] / base
  const cpuRatio = cpu[i] / cpu[r.tty ? floorIndex.tty : floorIndex.pipe]
  // Interleaved runs keep each round's times: the ratio's 95% interval (resampled rounds), and a goal is met
  // only where the whole interval is under it (hyperfine's runs are not paired: the median alone decides).
  const floorTimes = times?.[r.tty ? floorIndex.tty : floorIndex.pipe]
  const [lo, hi] = times ? ratioInterval(times[i], floorTimes) : [ratio, ratio]
  // The same ratio round by round (each round's time over the floor's in that round): the load a round's runs
  // shared cancels, so its interval is the narrower where the machine's speed drifts between rounds.
  const paired = times ? roundRatio(times[i], floorTimes) : {ratio, interval: [ratio, ratio]}
  const isFloor = i === floorIndex.pipe || i === floorIndex.tty
  const interval = times && !isFloor ? `${lo.toFixed(2)}-${hi.toFixed(2)}` : ''
  const [pairedLo, pairedHi] = paired.interval
  const byRound = times && !isFloor ? `${paired.ratio.toFixed(2)} (${pairedLo.toFixed(2)}-${pairedHi.toFixed(2)})` : ''
  const verdict = !r.goal
    ? ''
    : hi <= r.goal
      ? 'met'
      : pairedHi <= r.goal
        ? 'met round by round'
        : lo > r.goal && pairedLo > r.goal
          ? '**not met**'
          : 'within the noise'
  lines.push(
    `| ${r.name} | ${medians[i].toFixed(0)} | ${ratio.toFixed(2)} | ${interval} | ${byRound} | ${r.goal ? `≤ ${r.goal}` : ''} | ${verdict} | ` +
      `${cpu[i].toFixed(0)} | ${cpuRatio.toFixed(2)} |`,
  )
})
if (rss) {
  const mb = (kb) => (kb / 1024).toFixed(0)
  lines.push(
    '',
    `Peak RSS (GNU time): \`report --json\` ${mb(rss.report)} MB, \`node -e 0\` ${mb(rss.floor)} MB (goal: ≤ 55 MB: ${rss.report / 1024 <= 55 ? 'met' : '**not met**'})` +
      (rss.against ? `; ${opt.against}: ${mb(rss.against)} MB.` : '.'),
  )
}
const md = lines.join('\n') + '\n'
writeFileSync(opt.out, md)
console.log(md)
console.log(`written to ${opt.out}`)

// ---- timing ----
function viaHyperfine() {
  const json = join(cache, 'hyperfine.json')
  // One hyperfine per row, so each gets its own environment; all in this one run, in table order.
  const results = rows.map((r, i) => {
    const file = `${json}.${i}`
    const res = spawnSync(
      'hyperfine',
      ['-N', '--warmup', '3', '--runs', String(RUNS), '--export-json', file, cmd(r.argv)],
      {
        env: r.env,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    )
    if (res.status !== 0) stop(`hyperfine failed on ${r.name}`)
    return JSON.parse(readFileSync(file, 'utf8')).results[0]
  })
  return {medians: results.map((x) => x.median * 1000), cpu: results.map((x) => (x.user + x.system) * 1000)}
}

function viaNode() {
  return interleaved(rows, RUNS, stop)
}

/** Peak resident set in kB: the median of 5 runs under GNU time. */
function peakRss(argv) {
  const kb = []
  for (let i = 0; i < 5; i++) {
    const res = spawnSync(TIME, ['-f', '%M', ...argv], {env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe']})
    kb.push(Number(res.stderr.trim().split('\n').pop()))
  }
  return kb.sort((a, b) => a - b)[2]
}

function stop(message) {
  console.error(`bench: ${message}`)
  try {
    rmSync(cache, {recursive: true, force: true})
  } catch {} // stopped before the cache directory was made (a missing build): nothing to remove
  process.exit(2)
}
