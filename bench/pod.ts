// `guestview pod --json` against `owns --json` (issue 8: within 1.5x), measured where `pod` is meant to run:
// inside a container of a podman pod that shares its PID namespace, here 3 containers (an app with 120
// processes, a worker with 79, guestview's own) and the pause container, about 200 processes in all.
// bench/pod-inner.mjs runs both commands interleaved inside the guestview container; medians and ratios
// are printed as a Markdown table for the README.
//
// Usage (root, the hybrid v1 layout and podman, as the podman tests): npm run build && node --import tsx
// bench/pod.ts [runs=20] [--baseline FILE]. It builds the test image (test/helpers/podman-shared.ts) in a
// private podman storage, and removes everything afterwards. --baseline FILE: a dist/guestview.mjs built from
// the commit to compare with (e.g. main: `git archive main | tar -x -C DIR`, node_modules linked, `node
// scripts/build.mjs`); its `owns --json` and `pod --json` run in the same interleaved rounds, in the same
// container, and the table gives both.
import {resolve, join} from 'node:path'
import {readFileSync} from 'node:fs'
import {Deadline, ensurePackages, failure} from '../test/helpers/podman.js'
import {POD_PACKAGES, removePod} from '../test/helpers/podman-pod.js'
import {sharedPodman} from '../test/helpers/images.js'
import {REPO} from '../test/helpers/paths.js'
import {startBenchPod} from './lib/bench-pod.js'

// The median of the other benches: bench/lib/interleave.mjs is plain JS without types, so it is loaded by URL
// (a specifier TypeScript does not resolve) and typed here, as test/bench/interleave.test.ts does.
const {median} = (await import(new URL('./lib/interleave.mjs', import.meta.url).href)) as {
  median: (values: number[]) => number
}

const args = process.argv.slice(2)
const at = args.indexOf('--baseline')
const baseline = at >= 0 ? resolve(args.splice(at, 2)[1] ?? '') : null
const runs = Number(args[0] ?? 20)
const deadline = new Deadline(20 * 60_000)
const missing = ensurePackages(POD_PACKAGES, deadline)
if (missing) {
  console.error(`bench: ${missing}`)
  process.exit(2)
}
const pm = sharedPodman(deadline) // removed at exit, with its storage and cgroups
const POD = 'gvbench'
try {
  startBenchPod(pm, POD, [
    `-v=${join(REPO, 'bench')}:/bench:ro`,
    ...(baseline ? [`-v=${baseline}:/baseline/guestview.mjs:ro`] : []),
  ])
  await new Promise((r) => setTimeout(r, 2000)) // the sleepers start
  const inner = ['node', '/bench/pod-inner.mjs', String(runs), ...(baseline ? ['/baseline/guestview.mjs'] : [])]
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  const loadStart = load()
  const r = pm.run(['exec', `${POD}-guestview`, ...inner], 30 * 60_000)
  const loadEnd = load()
  if (r.status !== 0) throw new Error(failure(r))
  const out = JSON.parse(r.stdout) as {
    runs: number
    containers: {rows: number; processes: number; appPid: number}
    cases: {name: string; baseline: boolean; ms: number[]; cpuMs: number[]}[]
  }
  const ours = out.cases.filter((c) => !c.baseline)
  const theirs = out.cases.filter((c) => c.baseline)
  console.log(
    `pod bench, ${out.runs} interleaved runs each, ${new Date().toISOString().slice(0, 10)}, inside a pod: ` +
      `${out.containers.rows} rows, ${out.containers.processes} processes visible; load average ${loadStart} at ` +
      `the start, ${loadEnd} at the end\n`,
  )
  console.log(
    '| build | command (in the guestview container) | median ms | min ms | × its owns | CPU median ms | CPU × its owns |',
  )
  console.log('|---|---|---:|---:|---:|---:|---:|')
  const rows = (label: string, cs: typeof out.cases) => {
    const own = median(cs[0]!.ms)
    const ownCpu = median(cs[0]!.cpuMs)
    for (const c of cs)
      console.log(
        `| ${label} | \`guestview ${c.name}\` | ${median(c.ms).toFixed(0)} | ${Math.min(...c.ms).toFixed(0)} | ` +
          `${(median(c.ms) / own).toFixed(2)} | ${median(c.cpuMs).toFixed(0)} | ${(median(c.cpuMs) / ownCpu).toFixed(2)} |`,
      )
  }
  rows('this', ours)
  if (theirs.length > 0) rows('baseline', theirs)
  const ratio = (cs: typeof out.cases, k: 'ms' | 'cpuMs') => median(cs[1]![k]) / median(cs[0]![k])
  const verdict = (r: number) => `${r.toFixed(2)} (target <= 1.50: ${r <= 1.5 ? 'met' : 'NOT met'})`
  console.log(`\npod --json / owns --json: wall ${verdict(ratio(ours, 'ms'))}, CPU ${verdict(ratio(ours, 'cpuMs'))}`)
  if (theirs.length > 0)
    console.log(
      `baseline: wall ${ratio(theirs, 'ms').toFixed(2)}, CPU ${ratio(theirs, 'cpuMs').toFixed(2)}; pod --json this / ` +
        `baseline: wall ${(median(ours[1]!.ms) / median(theirs[1]!.ms)).toFixed(2)}, CPU ` +
        `${(median(ours[1]!.cpuMs) / median(theirs[1]!.cpuMs)).toFixed(2)}`,
    )
  // The screens, for the README: what a person sees in this pod.
  const inGv = (args: string[]) => pm.run(['exec', `${POD}-guestview`, 'node', '/app/guestview.mjs', ...args], 60_000)
  const appPid = out.containers.appPid
  for (const args of [
    ['pod', '--no-color'],
    ['--pid', String(appPid), 'owns', '--no-color'],
    ['--pid-of', 'sleep', 'owns'],
  ]) {
    const r = inGv(args)
    console.log(`\n$ guestview ${args.join(' ')}   (exit ${r.status})\n${r.stdout}${r.stderr}`)
  }
} finally {
  removePod(pm, POD)
}
