// Two builds of `guestview serve` side by side, for a change to serve's latency: both servers run in one
// container of 200 processes (a real v1 cgroup; root), and rounds of 100 scrapes at 50 concurrent go to
// this build's /metrics, the other build's /metrics and this build's /healthz in turn (the order rotating
// each round), so that the machine's noise falls on all alike; a fourth arm is a bare node:http server
// answering "ok" (bench/lib/bare-server.mjs), the floor of the machine and this client. Prints p50/p99 of
// each and the ratios.
// The CPU each server spent over its rounds is printed too (per request, from /proc/PID/stat), and the
// CPU of one collection in both, in the container: each checkout's sources bundled alike, measured by this
// checkout's `bench/serve.ts --child-collect` (40 collections a run, 6 runs alternating).
// Usage: npm run build && node --import tsx bench/serve-ab.ts /path/to/other/checkout/bin/run.js [rounds]
// (the other checkout built with its own `node scripts/build.mjs`).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {cgroupV1Unavailable, TestCgroups} from '../test/helpers/cgroups.js'
import {startServe, stop, type Served} from '../test/helpers/serve.js'
import {crowd} from './lib/crowd.js'
import {bundleCollect, collectBundlePath} from './lib/bundle-collect.js'
import {cpuSeconds, load, percentile, rssBytes} from './lib/load.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const OURS = join(HERE, '..', 'bin', 'run.js')
const BARE = join(HERE, 'lib', 'bare-server.mjs')
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
  servers.push(await startServe([], [process.execPath, BARE]))
  const [ours, other, bare] = servers as [Served, Served, Served]
  const arms: [string, string, number][] = [
    ['this build /metrics', `${ours.url}/metrics`, ours.child.pid!],
    ['other build /metrics', `${other.url}/metrics`, other.child.pid!],
    ['this build /healthz', `${ours.url}/healthz`, ours.child.pid!],
    ['bare node:http', `${bare.url}/`, bare.child.pid!],
  ]
  for (const [, url] of arms) await (await fetch(url)).text()
  const lat = new Map<string, number[]>(arms.map(([name]) => [name, []]))
  const cpuS = new Map<string, number>(arms.map(([name]) => [name, 0]))
  for (let round = 0; round < rounds; round++)
    for (let k = 0; k < arms.length; k++) {
      const [name, url, pid] = arms[(round + k) % arms.length]!
      const cpu0 = cpuSeconds(pid)
      const r = await load(url, 100, 50)
      cpuS.set(name, cpuS.get(name)! + cpuSeconds(pid) - cpu0)
      if (r.errors.length > 0) throw new Error(`${name}: ${r.errors.length} errors: ${r.errors[0]}`)
      lat.get(name)!.push(...r.latenciesMs)
    }
  const mib = (pid: number) => `${(rssBytes(pid) / 2 ** 20).toFixed(1)} MiB`
  const rss = `RSS after the rounds: this build ${mib(ours.child.pid!)}, other build ${mib(other.child.pid!)}`
  const collect = await collectionAB()
  const p = (name: string, q: number) => percentile(lat.get(name)!, q)
  console.log(`load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; ${rounds} rounds`)
  for (const [name] of arms) {
    const perRequestMs = (cpuS.get(name)! * 1000) / (rounds * 100)
    console.log(
      `${name.padEnd(22)} p50 ${p(name, 50).toFixed(1)} ms  p99 ${p(name, 99).toFixed(1)} ms  ` +
        `server CPU ${perRequestMs.toFixed(3)} ms a request`,
    )
  }
  console.log(rss)
  console.log(collect)
  const r99 = (a: string, b: string) => (p(a, 99) / p(b, 99)).toFixed(2)
  console.log(
    `p99 this/other ${r99(arms[0]![0], arms[1]![0])}x; this /metrics over /healthz ${r99(arms[0]![0], arms[2]![0])}x; ` +
      `this /metrics over bare ${r99(arms[0]![0], arms[3]![0])}x; other /metrics over bare ${r99(arms[1]![0], arms[3]![0])}x`,
  )
} finally {
  for (const s of servers) stop(s)
  await c.stop()
  cg.cleanup()
}

/**
 * One collection's CPU in both checkouts, in the container: each checkout's sources bundled alike
 * (bench/lib/bundle-collect.ts), measured by this checkout's `bench/serve.ts --child-collect`, runs alternating.
 */
async function collectionAB(): Promise<string> {
  const bundles: [string, string][] = [
    ['this', await bundleCollect(join(HERE, '..'), collectBundlePath('this'))],
    ['other', await bundleCollect(join(dirname(theirs!), '..'), collectBundlePath('other'))],
  ]
  const ms = new Map<string, number[]>(bundles.map(([name]) => [name, []]))
  for (let run = 0; run < 6; run++)
    for (const [name, bundle] of run % 2 === 0 ? bundles : [...bundles].reverse()) {
      const argv = c.argv([process.execPath, '--import', 'tsx', join(HERE, 'serve.ts'), '--child-collect', bundle])
      const r = spawnSync(argv[0]!, argv.slice(1), {encoding: 'utf8', cwd: join(HERE, '..')})
      if (r.status !== 0) throw new Error(`--child-collect ${bundle}: ${r.stderr}`)
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {collectMs: number[]}
      ms.get(name)!.push(...out.collectMs)
    }
  const med = (name: string) => percentile(ms.get(name)!, 50)
  return (
    `CPU of one collection (median of 240, bundled): this ${med('this').toFixed(2)} ms, ` +
    `other ${med('other').toFixed(2)} ms, ${(med('this') / med('other')).toFixed(2)}x`
  )
}
