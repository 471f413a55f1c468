// Two builds of `guestview serve` side by side, for a change to serve's latency: both servers run in one
// container of 200 processes (a real v1 cgroup; root), and rounds of 100 scrapes at 50 concurrent go to
// this build's /metrics, the other build's /metrics and this build's /healthz in turn (the order rotating
// each round), so that the machine's noise falls on all three alike. Prints p50/p99 of each and the ratios.
// Usage: npm run build && node --import tsx bench/serve-ab.ts /path/to/other/checkout/bin/run.js [rounds]
// (the other checkout built with its own `node scripts/build.mjs`).
import {existsSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {cgroupV1Unavailable, TestCgroups} from '../test/helpers/cgroups.js'
import {startServe, stop, type Served} from '../test/helpers/serve.js'
import {crowd} from './lib/crowd.js'
import {load, percentile} from './lib/load.js'

const OURS = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js')
const theirs = process.argv[2]
const rounds = Number(process.argv[3] ?? 10)
if (!theirs || !existsSync(theirs)) {
  console.error('usage: node --import tsx bench/serve-ab.ts OTHER/bin/run.js [rounds]')
  process.exit(2)
}
const why = cgroupV1Unavailable()
if (why) {
  console.error(`bench: ${why}`)
  process.exit(2)
}

const cg = new TestCgroups()
const c = await crowd(200, cg)
const servers: Served[] = []
const load0 = loadavg()[0]!
try {
  for (const bin of [OURS, theirs])
    servers.push(await startServe([], c.argv([process.execPath, bin, 'serve', '--listen', '127.0.0.1:0'])))
  const [ours, other] = servers as [Served, Served]
  const arms: [string, string][] = [
    ['this build /metrics', `${ours.url}/metrics`],
    ['other build /metrics', `${other.url}/metrics`],
    ['this build /healthz', `${ours.url}/healthz`],
  ]
  for (const [, url] of arms) await (await fetch(url)).text()
  const lat = new Map<string, number[]>(arms.map(([name]) => [name, []]))
  for (let round = 0; round < rounds; round++)
    for (let k = 0; k < arms.length; k++) {
      const [name, url] = arms[(round + k) % arms.length]!
      const r = await load(url, 100, 50)
      if (r.errors.length > 0) throw new Error(`${name}: ${r.errors.length} errors: ${r.errors[0]}`)
      lat.get(name)!.push(...r.latenciesMs)
    }
  const p = (name: string, q: number) => percentile(lat.get(name)!, q)
  console.log(`load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; ${rounds} rounds`)
  for (const [name] of arms)
    console.log(`${name.padEnd(22)} p50 ${p(name, 50).toFixed(1)} ms  p99 ${p(name, 99).toFixed(1)} ms`)
  const r99 = (a: string, b: string) => (p(a, 99) / p(b, 99)).toFixed(2)
  console.log(
    `p99 this/other ${r99(arms[0]![0], arms[1]![0])}x; this /metrics over /healthz ${r99(arms[0]![0], arms[2]![0])}x`,
  )
} finally {
  for (const s of servers) stop(s)
  await c.stop()
  cg.cleanup()
}
