#!/usr/bin/env node
// Instructions of a whole warm run on the main thread, counted by callgrind, for this checkout's build and, side
// by side, another's (and `node -e 0`'s, the floor). No wall clock: on these shared VMs the count is what
// repeats.
//
// Less V8's random hash seed: as an isolate starts (HashSeed::InitializeRoots, V8 12.x and the V8 of Node 20
// alike), it searches for random primes (`detail::sprp`, a strong probable-prime test), which costs 5 to 17 M
// instructions from one process to the next, in `node -e 0` as much as in any run. Counted as they are, two
// runs of one build differ by ±3-5 M; less that function (whose own cost callgrind_annotate gives), by ±0.3 M.
//
// Usage: npm run build && node bench/instructions.mjs [--against CHECKOUT] [--runs 3] [--node PATH] [--no-gc]
//                                                     [-- COMMAND ARGS...]   (default: owns --json)
// --no-gc runs every row (the floor too) with --min-semi-space-size=16 --single-threaded-gc: a run's one
// scavenge then never comes, where it moved between phases and changed a count by ±1-1.5 M. The flags change
// V8's flag hash, so Node compiles its own modules without its built-in code cache (~25 M more in every row):
// compare rows of one run, not with counts taken without it.
// Needs valgrind (apt-get install valgrind) and a Node binary with its symbols (the official builds and
// Debian's have them). Each build has a code cache directory of its own, made by two runs first.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {median} from './lib/interleave.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const {values: opt, positionals} = parseArgs({
  options: {
    against: {type: 'string'},
    runs: {type: 'string', default: '3'},
    node: {type: 'string', default: process.execPath},
    'no-gc': {type: 'boolean', default: false},
  },
  allowPositionals: true,
})
const command = positionals.length > 0 ? positionals : ['owns', '--json']
const stop = (message) => {
  console.error(`bench/instructions: ${message}`)
  process.exit(2)
}
for (const tool of ['valgrind', 'callgrind_annotate'])
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
    stop(`${tool} is not installed (apt-get install valgrind)`)

const work = mkdtempSync(join(tmpdir(), 'guestview-instructions-'))
const build = (name, checkout) => {
  const file = join(checkout, 'dist', 'guestview.mjs')
  if (!existsSync(file)) stop(`no ${file}: run \`npm run build\` there first`)
  return {name, argv: [file, ...command], cache: join(work, name)}
}
const rows = [
  {name: 'node -e 0', argv: ['-e', '0'], cache: join(work, 'floor')},
  build('this', REPO),
  ...(opt.against ? [build('against', opt.against)] : []),
]
const envOf = (r) => ({...process.env, XDG_CACHE_HOME: r.cache})
const nodeFlags = opt['no-gc'] ? ['--min-semi-space-size=16', '--single-threaded-gc'] : []
for (const r of rows)
  for (let i = 0; i < 2; i++) spawnSync(opt.node, [...nodeFlags, ...r.argv], {env: envOf(r), stdio: 'ignore'})

/** Main-thread instructions of one run, and those of the prime search in it. */
function count(r, i) {
  const out = join(work, `cg.${rows.indexOf(r)}.${i}`)
  spawnSync(
    'valgrind',
    ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${out}`, opt.node, ...nodeFlags, ...r.argv],
    {
      env: envOf(r),
      stdio: 'ignore',
    },
  )
  const main = `${out}-01`
  if (!existsSync(main)) stop(`${r.name}: callgrind wrote no profile of the main thread`)
  const total = Number(/^summary: (\d+)/m.exec(readFileSync(main, 'utf8'))?.[1])
  const annotated = spawnSync('callgrind_annotate', [main], {encoding: 'utf8', maxBuffer: 64 << 20}).stdout
  const prime = /^\s*([\d,]+) .*detail::sprp/m.exec(annotated)
  return {total, prime: prime ? Number(prime[1].replaceAll(',', '')) : 0}
}

const counts = new Map(rows.map((r) => [r, []]))
for (let i = 0; i < Number(opt.runs); i++) for (const r of rows) counts.get(r).push(count(r, i))

const M = (n) => (n / 1e6).toFixed(2)
console.log(`\`${command.join(' ')}\`, Node ${spawnSync(opt.node, ['--version'], {encoding: 'utf8'}).stdout.trim()}`)
console.log(
  `main thread, millions of instructions less the prime search (as counted, and the search)${opt['no-gc'] ? '; --no-gc: no scavenge, and Node without its built-in code cache' : ''}`,
)
const adjusted = new Map()
for (const r of rows) {
  const c = counts.get(r)
  adjusted.set(r, median(c.map((x) => x.total - x.prime)))
  const each = c.map((x) => `${M(x.total - x.prime)} (${M(x.total)}, ${M(x.prime)})`).join('  ')
  console.log(`${r.name.padEnd(10)} median ${M(adjusted.get(r))}   ${each}`)
}
const floor = adjusted.get(rows[0])
for (const r of rows.slice(1)) console.log(`${r.name}: ${M(adjusted.get(r) - floor)} M beyond node -e 0`)
if (opt.against) console.log(`this / against: ${(adjusted.get(rows[1]) / adjusted.get(rows[2])).toFixed(4)}`)
rmSync(work, {recursive: true, force: true})
