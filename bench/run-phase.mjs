#!/usr/bin/env node
// Instructions of a command's own work: from "command run()" to the first write to stdout (the trace marks of
// GUESTVIEW_TRACE_START), counted by callgrind, for this checkout's build and, side by side, another's. No
// wall clock: on these shared VMs the count is what repeats (two runs agree within ~0.03 M without GC).
//
// How: a copy of each dist/guestview.mjs whose trace function (the loader's `traceStart`, replaced by text of
// the same length, since the sections sit at byte offsets) calls process.getegid() at "command run()" and
// process.getgid() at the first write; callgrind zeroes its counters before the first
// (node::credentials::GetEGid) and dumps them before the second. Each copy has a code cache directory of its
// own, made by two live runs of the command first (a cache made by another command or a --root run holds other
// functions). With --no-gc, node runs with --min-semi-space-size=16 --single-threaded-gc: the scavenge that
// starts the phase (the young generation is nearly full when run() begins) is gone, and with it ±0.5 M of
// thread scheduling; use it to judge a change, and the plain run for what a user gets.
//
// Usage: npm run build && node bench/run-phase.mjs [--against CHECKOUT] [--runs 2] [--no-gc] [--node PATH]
//                                                  [-- COMMAND ARGS...]   (default: owns --json)
// Needs valgrind (apt-get install valgrind) and a Node binary with its symbols (the official builds have them).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const {values: opt, positionals} = parseArgs({
  options: {
    against: {type: 'string'},
    runs: {type: 'string', default: '2'},
    'no-gc': {type: 'boolean', default: false},
    node: {type: 'string', default: process.execPath},
  },
  allowPositionals: true,
})
const command = positionals.length > 0 ? positionals : ['owns', '--json']
const stop = (message) => {
  console.error(`bench/run-phase: ${message}`)
  process.exit(2)
}
if (spawnSync('sh', ['-c', 'command -v valgrind']).status !== 0) stop('valgrind is not installed')

const TRACE = "const traceStart = process.env.GUESTVIEW_TRACE_START === '1' ? startTrace() : () => {}"
const MARKS = 'const traceStart=p=>p[9]=="u"?process.getegid():p[0]=="f"&&process.getgid()'
const flags = opt['no-gc'] ? ['--min-semi-space-size=16', '--single-threaded-gc'] : []
const work = mkdtempSync(join(tmpdir(), 'guestview-run-phase-'))

/** A marked copy of a checkout's build, in a directory of its own with its cache beside it. */
function marked(name, checkout) {
  const file = join(checkout, 'dist', 'guestview.mjs')
  if (!existsSync(file)) stop(`no ${file}: run \`npm run build\` there first`)
  const text = readFileSync(file, 'latin1')
  if (!text.includes(TRACE)) stop(`${file}: the loader's trace line is not where this script looks for it`)
  const dir = join(work, name)
  spawnSync('mkdir', ['-p', join(dir, 'cache')])
  writeFileSync(join(dir, 'guestview.mjs'), text.replace(TRACE, MARKS.padEnd(TRACE.length, ' ')), 'latin1')
  return {name, dir}
}

const builds = [marked('this', REPO), ...(opt.against ? [marked('against', opt.against)] : [])]
const envOf = (b) => ({...process.env, XDG_CACHE_HOME: join(b.dir, 'cache')})
const argvOf = (b) => [...flags, join(b.dir, 'guestview.mjs'), ...command]
for (const b of builds) for (let i = 0; i < 2; i++) spawnSync(opt.node, argvOf(b), {env: envOf(b)})

const counts = Object.fromEntries(builds.map((b) => [b.name, []]))
for (let r = 0; r < Number(opt.runs); r++)
  for (const b of builds) {
    const out = join(b.dir, `cg.${r}`)
    spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        `--callgrind-out-file=${out}`,
        '--zero-before=node::credentials::GetEGid*',
        '--dump-before=node::credentials::GetGid*',
        opt.node,
        ...argvOf(b),
      ],
      {env: envOf(b), stdio: 'ignore'},
    )
    const part = readdirSync(b.dir).find((f) => f === `cg.${r}.1`)
    const summary = part && /^summary: (\d+)/m.exec(readFileSync(join(b.dir, part), 'utf8'))
    if (!summary) stop(`${b.name}: no dump at the first write (is this Node built with its symbols?)`)
    counts[b.name].push(Number(summary[1]))
  }

const median = (a) => {
  const s = [...a].sort((x, y) => x - y)
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2
}
const M = (n) => (n / 1e6).toFixed(2)
console.log(`run phase of \`${command.join(' ')}\`, Node ${spawnSync(opt.node, ['--version']).stdout}`.trim())
console.log(`flags: ${flags.join(' ') || '(none)'}; instructions in millions, all threads`)
for (const b of builds)
  console.log(`${b.name.padEnd(8)} ${counts[b.name].map(M).join(' ')}  median ${M(median(counts[b.name]))}`)
if (opt.against) console.log(`this / against: ${(median(counts.this) / median(counts.against)).toFixed(3)}`)
rmSync(work, {recursive: true, force: true})
