// Runs inside the guestview container of the benchmark pod (bench/pod.ts mounts it): `pod --json` and
// `owns --json` side by side, interleaved round-robin so machine noise hits every case alike, two warm-up
// rounds not counted. With a baseline file (bench/pod.ts --baseline), the same two commands of the
// baseline build join the round. Prints one JSON line: the times in ms of each case, wall-clock and CPU.
//
// CPU time (user + system) of each run is what this process's cutime + cstime grew by while it waited for
// the child (/proc/self/stat fields 16 and 17, proc(5); clock ticks of 10 ms): on a machine shared with other
// work, wall-clock time is mostly waiting for a CPU, and CPU time is what the command itself costs.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

/** cutime + cstime of this process, in ms (USER_HZ 100). */
function childrenCpuMs() {
  const text = readFileSync('/proc/self/stat', 'utf8')
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return (Number(f[13]) + Number(f[14])) * 10
}

const runs = Number(process.argv[2] ?? 20)
const baseline = process.argv[3] // a guestview.mjs to compare with, or nothing
const bin = '/app/guestview.mjs'
const cases = [
  {name: 'owns --json', args: [bin, 'owns', '--json']},
  {name: 'pod --json', args: [bin, 'pod', '--json']},
  {name: 'report --json', args: [bin, 'report', '--json']},
  ...(baseline
    ? [
        {name: 'owns --json', baseline: true, args: [baseline, 'owns', '--json']},
        {name: 'pod --json', baseline: true, args: [baseline, 'pod', '--json']},
      ]
    : []),
]
const times = cases.map(() => [])
const cpu = cases.map(() => [])
let containers = null
for (let i = 0; i < runs + 2; i++) {
  for (const [k, c] of cases.entries()) {
    const c0 = childrenCpuMs()
    const t0 = process.hrtime.bigint()
    // Each case keeps its own code cache (scripts/loader.mjs), made by its own first (warm-up) run: the cache
    // holds the functions of the run that wrote it, and is not written again, so in one shared directory
    // whichever command ran first would set what the others find compiled (and one build's first run
    // deletes other builds' cache files). Each command is measured as a user who runs it again sees it.
    const env = {...process.env, XDG_CACHE_HOME: `/tmp/gv-cache-${k}`}
    const r = spawnSync(process.execPath, c.args, {encoding: 'utf8', maxBuffer: 1 << 26, env})
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    const cpuMs = childrenCpuMs() - c0
    if (r.status !== 0) {
      console.error(`bench: ${c.name} exited ${r.status}: ${r.stderr}`)
      process.exit(1)
    }
    if (c.name === 'pod --json' && !c.baseline && containers === null) {
      const p = JSON.parse(r.stdout)
      const app = p.containers.find((c) => c.processes >= 100)
      containers = {rows: p.containers.length, processes: p.visibility.processes, appPid: app ? app.pid : null}
    }
    if (i >= 2) {
      times[k].push(ms)
      cpu[k].push(cpuMs)
    }
  }
}
console.log(
  JSON.stringify({
    runs,
    containers,
    cases: cases.map((c, k) => ({name: c.name, baseline: c.baseline === true, ms: times[k], cpuMs: cpu[k]})),
  }),
)
