// Where `guestview watch`'s RSS goes over hours, and what a frame costs in CPU: watch runs on a pseudo-terminal
// (`script`, 80x24: the live Ink screen a person keeps open) in a container of P processes (a real v1 cgroup;
// root), with bench/lib/memstats-preload.cjs loaded by `node --require` (the shipped CLI is unchanged), at the
// fastest interval the command allows (0.2 s, parseInterval's floor), and is sampled after each step of frames:
// VmRSS, /proc/PID/smaps by kind of mapping (bench/lib/smaps.ts), V8's heap spaces (committed and used) and
// the CPU time (utime + stime) each frame took since the last sample. 9,000 frames at 0.2 s are 30 minutes;
// at the default interval (2 s) they are 5 hours. They stand for those hours in what each frame leaves behind
// (Ink 6.8 keeps every text it measured and wrapped: ~3 KiB a frame), not in what V8 sizes by time: at 0.2 s
// it grows the young generation to 32-128 MiB, at 2 s it keeps it at 1-4 MiB (the allocation rate is low), so
// run --interval 2 too (fewer frames) before reading the young generation. The arms run side by side (2 CPUs:
// each is a few % of one).
// Usage: npm run build && node --import tsx bench/watch-memory.ts [--frames N] [--interval S] [--processes P]
//          [ARM ...]
//   ARM: a Node major (20, 22, 24: the official binaries of test/helpers/node-versions.ts, or this node when
//   it is that major), optionally with node options after '@', space-separated, e.g. '24@--max-semi-space-size=2'.
//   ENV|ARM: also environment variables (NAME=VALUE, space-separated), e.g. 'MALLOC_ARENA_MAX=1|24'.
//   Default: 20 22 24. An open-ended watch under 1 s restarts itself with serve's V8 options under Node 22 and
//   24 (src/live/start-settings.ts; 'GUESTVIEW_WATCH_RESTART=0|24' runs it as started); at the default 2 s it
//   does not (they saved ~9 MiB and cost the first screen ~0.2 s and ~1.3x CPU a frame): give them by hand
//   there ('24@--max-opt=2 ...') to compare.
// watch runs open-ended (no --count), as a person leaves it, and is quit with q after the last sample.
import {spawn, type ChildProcess} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {cgroupV1Unavailable, commandExists, TestCgroups} from '../test/helpers/cgroups.js'
import {officialNode} from '../test/helpers/node-versions.js'
import {crowd} from './lib/crowd.js'
import {memoryTable, type MemorySample, type MemStats} from './lib/memory-table.js'
import {cpuSeconds, rssBytes} from './lib/load.js'
import {smapsByKind} from './lib/smaps.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const BIN = join(HERE, '..', 'bin', 'run.js')
const PRELOAD = join(HERE, 'lib', 'memstats-preload.cjs')
const {values, positionals} = parseArgs({
  options: {
    frames: {type: 'string', default: '9000'},
    interval: {type: 'string', default: '0.2'},
    processes: {type: 'string', default: '20'},
  },
  allowPositionals: true,
})
const FRAMES = Number(values.frames)
const INTERVAL_S = values.interval
const PROCESSES = Number(values.processes)
/** Samples after these many frames (those above FRAMES dropped, FRAMES itself added). */
const STEPS = [
  ...new Set([10, 100, 300, 1000, 2000, 3000, 5000, 7000, 9000, 12_000, 15_000].filter((n) => n < FRAMES)),
  FRAMES,
]
/** What every frame of the single-container screen draws once: frames are counted by it. */
const FRAME_MARK = 'top processes by CPU over'

const why = cgroupV1Unavailable() ?? (commandExists('script') ? null : 'no script(1) (util-linux) for a pty')
if (why) {
  console.error(`bench: ${why}`)
  process.exit(2)
}

type Sample = MemorySample & {frames: number; cpuS: number; wallS: number}
type Arm = {
  name: string
  node: string
  version: string
  options: string[]
  /** NAME=VALUE for its environment, e.g. GUESTVIEW_WATCH_RESTART=0. */
  env: string[]
  /** Its node options at the last sample (the preload's left out): what it restarted itself with. */
  ranWith?: string[]
  script?: ChildProcess
  pid?: number
  frames: number
  pending: string
  memstats: MemStats[]
  samples: Sample[]
  exit?: Promise<number | null>
}

function nodeOf(major: number): {node: string; version: string} {
  if (Number(process.versions.node.split('.')[0]) === major)
    return {node: process.execPath, version: `v${process.versions.node}`}
  const o = officialNode(major)
  if (!o.ok) throw new Error(`Node ${major}: ${o.reason}`)
  return {node: o.node, version: o.version}
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/** The node process under `script` (its shell and `timeout` in between), once it is node. */
async function nodePid(scriptPid: number): Promise<number> {
  const children = (pid: number): number[] =>
    readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number)
  for (let i = 0; i < 200; i++) {
    try {
      for (let level = [scriptPid]; level.length > 0; level = level.flatMap(children))
        for (const k of level) {
          const cmd = readFileSync(`/proc/${k}/cmdline`, 'utf8').split('\0')
          if (cmd.includes(PRELOAD) && cmd[0]!.endsWith('node')) return k
        }
    } catch {
      // not there yet, or one of them exited while listed
    }
    await sleep(50)
  }
  throw new Error(`no node process under script ${scriptPid}`)
}

/** Frames drawn so far and MEMSTATS lines, read from the pty's output as it comes (only a tail is kept). */
function onOutput(a: Arm, chunk: string): void {
  a.pending = (a.pending + chunk).replace(/MEMSTATS (\{.*?\})\r?\n/g, (_, json: string) => {
    a.memstats.push(JSON.parse(json) as MemStats)
    return ''
  })
  const parts = a.pending.split(FRAME_MARK)
  a.frames += parts.length - 1
  const rest = parts.at(-1)!
  // Keep an unfinished MEMSTATS line, else enough of the tail for a mark or a line split across chunks.
  const stats = rest.lastIndexOf('MEMSTATS {')
  a.pending = stats >= 0 ? rest.slice(stats) : rest.slice(-(FRAME_MARK.length + 10))
}

async function memstats(a: Arm): Promise<MemStats> {
  const before = a.memstats.length
  process.kill(a.pid!, 'SIGUSR2')
  for (let i = 0; i < 200; i++) {
    if (a.memstats.length > before) return a.memstats.at(-1)!
    await sleep(20)
  }
  throw new Error(`${a.name}: no MEMSTATS line`)
}

const cg = new TestCgroups()
const c = await crowd(PROCESSES, cg)
const load0 = loadavg()[0]!
const arms: Arm[] = (positionals.length > 0 ? positionals : ['20', '22', '24']).map((spec) => {
  const [prefix, rest] = spec.includes('|') ? (spec.split('|') as [string, string]) : ['', spec]
  const [major, opts] = rest.split('@') as [string, string | undefined]
  const n = nodeOf(Number(major))
  return {
    name: spec,
    ...n,
    options: (opts ?? '').split(' ').filter(Boolean),
    env: prefix.split(' ').filter(Boolean),
    frames: 0,
    pending: '',
    memstats: [],
    samples: [],
  }
})
try {
  const started = performance.now()
  for (const a of arms) {
    // No --count, as a person leaves it open: the bench quits it with q after its last sample, and timeout
    // bounds it should the bench die first.
    const boundS = Math.ceil(FRAMES * Number(INTERVAL_S) * 2 + 300)
    const argv = c.argv([
      'timeout',
      '--foreground',
      '-s',
      'KILL',
      String(boundS),
      'env',
      ...a.env,
      a.node,
      ...a.options,
      '--require',
      PRELOAD,
      BIN,
      'watch',
      '--interval',
      INTERVAL_S,
    ])
    const cmd = `stty cols 80 rows 24; exec ${argv.map(shellQuote).join(' ')}`
    const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', SHELL: '/bin/sh'}
    for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'NODE_OPTIONS']) delete env[k]
    const s = spawn('script', ['-qfec', cmd, '/dev/null'], {stdio: ['pipe', 'pipe', 'inherit'], env})
    a.script = s
    s.stdout.setEncoding('utf8')
    s.stdout.on('data', (d: string) => onOutput(a, d))
    a.exit = new Promise((r) => s.on('close', (code) => r(code)))
    a.pid = await nodePid(s.pid!)
  }
  const t0 = new Map(arms.map((a) => [a, {cpu: 0, wall: performance.now()}]))
  for (const step of STEPS) {
    for (const a of arms) {
      while (a.frames < step && a.script!.exitCode === null) await sleep(50)
      if (a.script!.exitCode !== null) throw new Error(`${a.name}: watch ended after ${a.frames} frames`)
      const {kb, threadArenas} = smapsByKind(a.pid!)
      const now = {cpu: cpuSeconds(a.pid!), wall: performance.now()}
      a.samples.push({
        frames: a.frames,
        rssKb: rssBytes(a.pid!) / 1024,
        smaps: kb,
        arenas: threadArenas,
        v8: await memstats(a),
        cpuS: now.cpu - t0.get(a)!.cpu,
        wallS: (now.wall - t0.get(a)!.wall) / 1000,
      })
      t0.set(a, now)
      const cmd = readFileSync(`/proc/${a.pid}/cmdline`, 'utf8').split('\0')
      a.ranWith = cmd.slice(1, cmd.indexOf(BIN)).filter((w) => w !== '--require' && w !== PRELOAD)
    }
    const at = ((performance.now() - started) / 60_000).toFixed(1)
    console.error(
      `bench: ${step} frames after ${at} min; ${arms.map((a) => `${a.name} ${a.samples.at(-1)!.rssKb.toFixed(0)} kB`).join(', ')}`,
    )
  }
  for (const a of arms) {
    a.script!.stdin!.end('q')
    const code = await a.exit
    if (code !== 0) console.error(`bench: ${a.name}: script exited ${code}`)
  }
  console.log(
    `watch --interval ${INTERVAL_S} on a pty (80x24) in a v1 cgroup of ${PROCESSES} processes; load average ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`,
  )
  for (const a of arms) {
    const how = [...a.env, ...a.options].join(' ')
    console.log(`\n### Node ${a.version}${how ? ' ' + how : ''}, MiB after N frames\n`)
    console.log(`node options as it ran (after its restart, if any): ${a.ranWith?.join(' ') || 'none'}\n`)
    for (const line of memoryTable(
      a.samples,
      a.samples.map((x) => x.frames.toLocaleString('en-US')),
    ))
      console.log(line)
    // CPU per frame over each step (the first includes the start: module loading, the first render).
    const per = a.samples.map((x, i) => (x.cpuS * 1000) / (x.frames - (i === 0 ? 0 : a.samples[i - 1]!.frames)))
    console.log(`| CPU ms per frame, since the last sample | ${per.map((v) => v.toFixed(2)).join(' | ')} | |`)
  }
} finally {
  for (const a of arms)
    if (a.pid !== undefined)
      try {
        process.kill(a.pid, 'SIGKILL')
      } catch {
        // ended
      }
  await c.stop()
  cg.cleanup()
}
