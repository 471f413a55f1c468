#!/usr/bin/env node
// Instructions of a command's own work: from "command run()" to the first write to stdout (the trace marks of
// GUESTVIEW_TRACE_START), counted by callgrind on the main thread, for this checkout's build and, side by side,
// another's. No wall clock: on these shared VMs the count is what repeats (most runs agree within ~0.03 M
// without GC; now and then a run of any build comes out 0.2-0.4 M higher, with more of the phase's code left in
// V8's interpreter than its baseline compiler took, so judge a change under ~0.5 M on 6 runs or more, per-run
// values beside the median). --phase compile counts "program read" to "program compiled" instead: the program's compile,
// from its code cache in a warm run; --phase top "program compiled" to "program loaded" (its modules' top-level
// code); --phase init "program loaded" to "command run()" (oclif's plugin, Config.load, the command's class and
// init).
//
// How: a copy of each dist/guestview.mjs whose trace function (the loader's `traceStart`, replaced by text of
// the same length, since the sections sit at byte offsets) calls process.getegid() at the phase's first mark
// and process.getgid() at its last; callgrind zeroes its counters before the first
// (node::credentials::GetEGid) and dumps them before the second. Each copy has a code cache directory of its
// own, made by two live runs of the command first (a cache made by another command or a --root run holds other
// functions). With --no-gc, node runs with --min-semi-space-size=16 --single-threaded-gc: the scavenge that
// starts the phase (the young generation is nearly full when run() begins) is gone, and with it ±0.5 M of
// thread scheduling; use it to judge a change, and the plain run for what a user gets.
//
// Main thread only (--separate-threads=yes, the dump's thread 1): counted over all threads, Node 24's phase
// had ~5.8 M more, all of it the self cost of start_thread and clone (no function of a worker's), while its
// main thread ran 10.5 M against Node 22's 13.2 M and Node 20's 14.6 M (--no-gc), and the phase's process CPU
// time was lowest on Node 24 too. The zeroing is the calling thread's only (with --separate-threads=yes only
// its file is dumped): the workers' counts since the process started (Node 24's worker threads run 6.2 M in a
// whole warm run) stayed in. A parallel scavenge's helpers are not counted (Node 24 and 22 scavenge on worker
// threads too); --no-gc has none.
//
// Usage: npm run build && node bench/run-phase.mjs [--against CHECKOUT] [--runs 2] [--no-gc] [--node PATH]
//                                                  [--phase run|compile|top|init] [--keep] [-- COMMAND ARGS...]
//                                                  (default: owns --json)
// --keep leaves the callgrind files (NAME/cg.RUN.1-01, the phase alone) for callgrind_annotate.
// Needs valgrind (apt-get install valgrind) and a Node binary with its symbols (the official builds have them).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {median} from './lib/interleave.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const {values: opt, positionals} = parseArgs({
  options: {
    against: {type: 'string'},
    runs: {type: 'string', default: '2'},
    'no-gc': {type: 'boolean', default: false},
    node: {type: 'string', default: process.execPath},
    keep: {type: 'boolean', default: false},
    phase: {type: 'string', default: 'run'},
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
// "command run()" to "first write to stdout"; "program read" to "program compiled" (its 9th letter alone is a c);
// "program compiled" to "program loaded" (the only mark whose 9th letter is an l); "program loaded" to "command
// run()" (the only one whose 10th is a u).
const MARKS = {
  run: 'const traceStart=p=>p[9]=="u"?process.getegid():p[0]=="f"&&process.getgid()',
  compile: 'const traceStart=p=>p=="program read"?process.getegid():p[8]=="c"&&process.getgid()',
  top: 'const traceStart=p=>p[8]=="c"?process.getegid():p[8]=="l"&&process.getgid()',
  init: 'const traceStart=p=>p[8]=="l"?process.getegid():p[9]=="u"&&process.getgid()',
}[opt.phase]
if (!MARKS) stop(`--phase ${opt.phase}: run, compile, top or init`)
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
        '--separate-threads=yes',
        `--callgrind-out-file=${out}`,
        '--zero-before=node::credentials::GetEGid*',
        '--dump-before=node::credentials::GetGid*',
        opt.node,
        ...argvOf(b),
      ],
      {env: envOf(b), stdio: 'ignore'},
    )
    const part = readdirSync(b.dir).find((f) => f === `cg.${r}.1-01`)
    const summary = part && /^summary: (\d+)/m.exec(readFileSync(join(b.dir, part), 'utf8'))
    if (!summary) stop(`${b.name}: no dump at the first write (is this Node built with its symbols?)`)
    counts[b.name].push(Number(summary[1]))
  }

const M = (n) => (n / 1e6).toFixed(2)
console.log(`${opt.phase} phase of \`${command.join(' ')}\`, Node ${spawnSync(opt.node, ['--version']).stdout}`.trim())
console.log(`flags: ${flags.join(' ') || '(none)'}; instructions in millions, main thread`)
for (const b of builds)
  console.log(`${b.name.padEnd(8)} ${counts[b.name].map(M).join(' ')}  median ${M(median(counts[b.name]))}`)
if (opt.against) console.log(`this / against: ${(median(counts.this) / median(counts.against)).toFixed(3)}`)
if (opt.keep) console.log(`callgrind files kept in ${work} (callgrind_annotate --inclusive=yes NAME/cg.0.1-01)`)
else rmSync(work, {recursive: true, force: true})
