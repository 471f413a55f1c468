// The four figures of issue 9 for `guestview serve`, each beside its baseline, measured in one run against
// a container of 200 processes (a real cgroup v1 made here; needs root) and written to bench/results/serve.md,
// which the README quotes:
//  1. CPU of one collection (the files read and the report built, in the container's own process, by the code
//     bundled as the single file bundles it: bench/lib/bundle-collect.ts), beside what the sidecar's old way
//     cost per sample: a whole `guestview metrics` process;
//  2. serve scraped every 15 s, as a share of one core: its CPU per scrape (collection and render) over 15 s
//     plus its idle CPU, beside a sleep loop running `guestview metrics` every 15 s;
//  3. RSS after 10,000 requests (50 concurrent; 7,600 of the last of them /metrics) beside RSS after the first 100,
//     under the Node client (bench/lib/load.ts: a new Agent, so new connections, each round, with pauses and
//     bursts between) and again under ApacheBench with keep-alive (`ab -k`: 50 kept connections, the way
//     Prometheus keeps one per target) on a fresh server; each beside a bare node:http server under the same
//     client in the same run;
//  4. p50/p99 latency of /metrics at 50 concurrent (1,000 scrapes), beside /healthz (which reads nothing)
//     and a bare node:http server answering "ok" (bench/lib/bare-server.mjs: the floor of node:http, the
//     client and the machine, whose RSS after 10,000 requests is shown against its first 100 too),
//     interleaved in rounds so noise hits all three; and
//     the bursts that wait for a collection (50 scrapes after 3.2 s without one), beside /healthz bursts.
// Medians over repetitions; the machine's load average is printed with the figures, since the VM is shared.
// Usage: npm run build && node --import tsx bench/serve.ts   (npm run bench:serve)
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import {cgroupV1Unavailable, TestCgroups} from '../test/helpers/cgroups.js'
import {startServe, stop} from '../test/helpers/serve.js'
import {MAX_AGE_MS} from '../src/serve/collector.js'
import {startNodeOptionsHere} from '../src/serve/start-settings.js'
import {smapsByKind, type SmapsByKind} from './lib/smaps.js'
import {bundleCollect, collectBundlePath} from './lib/bundle-collect.js'
import {abLoad, abPath} from './lib/ab.js'
import {readyTimes} from './lib/ready.js'
import {crowd} from './lib/crowd.js'
import {cpuSeconds, load, percentile, rssBytes, sample} from './lib/load.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const BIN = join(REPO, 'bin', 'run.js')
// --out FILE: where the figures go (default bench/results/serve.md); run under another Node
// (`NODE --import tsx bench/serve.ts`) to measure serve, the bare server and the collection under it.
const outAt = process.argv.indexOf('--out')
const OUT = outAt > 0 ? process.argv[outAt + 1]! : join(REPO, 'bench', 'results', 'serve.md')
// serve starts itself again with these V8 options where Node has process.execve (src/serve/start-settings.ts):
// the collection is measured under them too, as serve runs it.
const SERVE_OPTIONS = startNodeOptionsHere()
const median = (xs: number[]) => percentile(xs, 50)

// --- child mode: collections measured inside the container -----------------------------------------------
if (process.argv[2] === '--child-collect') {
  // The bundle given (bench/lib/bundle-collect.ts: the modules the single file bundles, bundled alike), or
  // else the sources under tsx.
  type Entry = {
    collectReports: typeof import('../src/serve/collector.js').collectReports
    selfTargets: typeof import('../src/live/targets.js').selfTargets
    metricsText: typeof import('../src/metrics/registry.js').metricsText
  }
  const bundle = process.argv[3]
  const {collectReports, selfTargets, metricsText}: Entry = bundle
    ? ((await import(bundle)) as Entry)
    : {
        ...(await import('../src/serve/collector.js')),
        ...(await import('../src/live/targets.js')),
        ...(await import('../src/metrics/registry.js')),
      }
  const collect = collectReports(selfTargets('/'))
  const cpuMs = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  for (let i = 0; i < 5; i++) await metricsText(collect().containers) // warm-up: JIT, page cache
  const collectMs: number[] = []
  const renderMs: number[] = []
  for (let i = 0; i < 40; i++) {
    const a = cpuMs()
    const c = collect()
    const b = cpuMs()
    await metricsText(c.containers)
    renderMs.push(cpuMs() - b)
    collectMs.push(b - a)
  }
  console.log(JSON.stringify({collectMs, renderMs}))
  process.exit(0)
}

if (!existsSync(join(REPO, 'dist', 'guestview.mjs'))) {
  console.error('bench: run `npm run build` first')
  process.exit(2)
}
const why = cgroupV1Unavailable()
if (why) {
  console.error(`bench: ${why}`)
  process.exit(2)
}

/**
 * RSS after the first 100 requests and after 10,000 under `ab -k` (50 concurrent), of a fresh serve (argv) and
 * a fresh bare node:http server, driven in the same turns; both are stopped after.
 */
async function abRssRun(ab: string, argv: string[]): Promise<{serve: [number, number]; bare: [number, number]}> {
  const s = await startServe([], argv)
  const bare = await startServe([], [process.execPath, join(REPO, 'bench', 'lib', 'bare-server.mjs')])
  try {
    const arms = [
      {url: `${s.url}/metrics`, pid: s.child.pid!, rss: [] as number[]},
      {url: `${bare.url}/`, pid: bare.child.pid!, rss: [] as number[]},
    ]
    for (const n of [100, ...Array<number>(9).fill(1100)]) {
      for (const a of arms) {
        const r = abLoad(ab, a.url, n, 50)
        if (r.errors.length > 0) throw new Error(`ab ${a.url}: ${r.errors.join('; ')}`)
      }
      if (n === 100) for (const a of arms) a.rss.push(rssBytes(a.pid))
    }
    for (const a of arms) a.rss.push(rssBytes(a.pid))
    return {serve: [arms[0]!.rss[0]!, arms[0]!.rss[1]!], bare: [arms[1]!.rss[0]!, arms[1]!.rss[1]!]}
  } finally {
    stop(s)
    stop(bare)
  }
}

/** The kinds of mapping whose resident size changed by 0.1 MiB or more, largest change first. */
function growth(before: SmapsByKind, after: SmapsByKind): string {
  const kinds = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const deltas = kinds
    .map((k) => ({k, mib: ((after[k] ?? 0) - (before[k] ?? 0)) / 1024}))
    .filter((d) => Math.abs(d.mib) >= 0.1)
    .sort((a, b) => Math.abs(b.mib) - Math.abs(a.mib))
  return deltas.length === 0
    ? 'no kind by 0.1 MiB or more'
    : deltas.map((d) => `${d.k} ${d.mib > 0 ? '+' : ''}${d.mib.toFixed(1)} MiB`).join(', ')
}

/** CPU seconds of one `guestview metrics` process, run inside the container (sh's cutime + cstime). */
function oneShotCpuSeconds(argv: (cmd: string[]) => string[]): number {
  const script = `"$@" >/dev/null || exit 1; read -r line < /proc/$$/stat; echo "$line"`
  const cmd = argv(['sh', '-c', script, 'sh', process.execPath, BIN, 'metrics'])
  const r = spawnSync(cmd[0]!, cmd.slice(1), {
    encoding: 'utf8',
    env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
  })
  if (r.status !== 0) throw new Error(`guestview metrics: ${r.stderr}`)
  const rest = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ')
  return (Number(rest[13]) + Number(rest[14])) / 100 // cutime, cstime (fields 16, 17)
}

const cg = new TestCgroups()
const c = await crowd(200, cg)
const lines: string[] = []
const load0 = loadavg()[0]!
try {
  // 1. One collection, and its render, in the container.
  // The figure is the bundled code's (what ships); the sources under tsx are measured beside it, in turn.
  const bundle = await bundleCollect(REPO, collectBundlePath('this'))
  const collectIn = (...extra: string[]) => {
    const argv = c.argv([
      process.execPath,
      ...SERVE_OPTIONS,
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child-collect',
      ...extra,
    ])
    const child = spawnSync(argv[0]!, argv.slice(1), {encoding: 'utf8', cwd: REPO})
    if (child.status !== 0) throw new Error(`collect child: ${child.stderr}`)
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as {collectMs: number[]; renderMs: number[]}
  }
  const inner = {collectMs: [] as number[], renderMs: [] as number[]}
  const fromSources: number[] = []
  for (let i = 0; i < 3; i++) {
    const b = collectIn(bundle)
    inner.collectMs.push(...b.collectMs)
    inner.renderMs.push(...b.renderMs)
    fromSources.push(...collectIn().collectMs)
  }
  const oneShot: number[] = []
  for (let i = 0; i < 7; i++) oneShot.push(oneShotCpuSeconds((cmd) => c.argv(cmd)) * 1000)
  // 5. serve's start: spawn to listening, with the restart that gives it its V8 options and without.
  const ready = await readyTimes([process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0'], 10)
  const processes = cg.read('pids', c.rel, 'cgroup.procs').split('\n').filter(Boolean).length

  // 2-4 against a running server in the container.
  const s = await startServe([], c.argv([process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0']))
  const pid = s.child.pid!
  // The floor: a bare node:http server answering "ok" (bench/lib/bare-server.mjs), under the same client.
  const bare = await startServe([], [process.execPath, join(REPO, 'bench', 'lib', 'bare-server.mjs')])
  const servedFrom = performance.now()
  try {
    // 2. CPU per scrape (each a fresh collection: 1.1 s apart) and at rest.
    await fetch(`${s.url}/metrics`)
    await sleep(1100)
    const scrapes = 12
    const cpu0 = cpuSeconds(pid)
    for (let i = 0; i < scrapes; i++) {
      await (await fetch(`${s.url}/metrics`)).text()
      await sleep(1100)
    }
    const perScrapeS = (cpuSeconds(pid) - cpu0) / scrapes
    const idle0 = cpuSeconds(pid)
    const idleWindowS = 30
    await sleep(idleWindowS * 1000)
    const idleRate = (cpuSeconds(pid) - idle0) / idleWindowS
    const share15 = perScrapeS / 15 + idleRate
    const loop15 = median(oneShot) / 1000 / 15

    // 4. Latency at 50 concurrent, /metrics and /healthz interleaved: 10 rounds of 100 each, which of the two
    // goes first alternating, so that the machine's noise falls on both alike. One scrape first: the
    // figure is the sustained load, in which no scrape waits for the files (src/serve/collector.ts); the
    // scrapes that do wait, the first ones after 3 s without a scrape, are measured next, on their own.
    await (await fetch(`${s.url}/metrics`)).text()
    // 3a. RSS after the first 100 requests (those above, then this many more).
    let requests = 1 + scrapes + 1
    const upTo100 = await load(`${s.url}/metrics`, 100 - requests, 50)
    if (upTo100.errors.length > 0) throw new Error(`first 100: ${upTo100.errors.length} errors`)
    requests = 100
    const rss100 = rssBytes(pid)
    const smaps100 = smapsByKind(pid).kb
    // The bare server's first 100 too (its RSS is the floor's: what node:http alone grows by).
    if ((await load(`${bare.url}/`, 100, 50)).errors.length > 0) throw new Error('bare server: errors')
    const bareRss100 = rssBytes(bare.child.pid!)
    const lat: Record<string, number[]> = {'/metrics': [], '/healthz': [], bare: []}
    const paths = ['/metrics', '/healthz', 'bare']
    const urlOf = (path: string) => (path === 'bare' ? `${bare.url}/` : `${s.url}${path}`)
    for (let round = 0; round < 10; round++)
      for (let k = 0; k < paths.length; k++) {
        const path = paths[(round + k) % paths.length]!
        const r = await load(urlOf(path), 100, 50)
        if (r.errors.length > 0) throw new Error(`${path}: ${r.errors.length} errors: ${r.errors[0]}`)
        lat[path]!.push(...r.latenciesMs)
      }
    // 4a. The same rounds under ApacheBench, a C client (bench/lib/ab.ts): the Node client above spends about
    // as much CPU per request as the server does, on the same 2 CPUs, so its p99 is largely its own.
    const ab = abPath()
    const abLat: Record<string, number[]> = {'/metrics': [], '/healthz': [], bare: []}
    if (ab)
      for (let round = 0; round < 10; round++)
        for (let k = 0; k < paths.length; k++) {
          const path = paths[(round + k) % paths.length]!
          const r = abLoad(ab, urlOf(path), 100, 50)
          if (r.errors.length > 0) throw new Error(`ab ${path}: ${r.errors.join('; ')}`)
          abLat[path]!.push(...r.latenciesMs)
        }
    // 4b. A burst of 50 concurrent scrapes after 3.2 s without one: they all wait for one collection. Beside
    // the same burst on /healthz after the same pause. Three of each, interleaved.
    const burst: Record<string, number[]> = {'/metrics': [], '/healthz': []}
    for (let i = 0; i < 3; i++)
      for (const path of ['/metrics', '/healthz']) {
        await sleep(MAX_AGE_MS + 200)
        const r = await load(`${s.url}${path}`, 50, 50)
        if (r.errors.length > 0) throw new Error(`${path}: ${r.errors.length} errors: ${r.errors[0]}`)
        burst[path]!.push(...r.latenciesMs)
      }

    // 3b. RSS after 10,000 requests in all (/metrics and /healthz), the rest of them /metrics.
    requests += 2000 + 300 + (ab ? 2000 : 0)
    const rssMid = rssBytes(pid)
    const midRequests = requests
    const r10k = await load(`${s.url}/metrics`, 10_000 - requests, 50)
    if (r10k.errors.length > 0) throw new Error(`10,000 scrapes: ${r10k.errors.length} errors`)
    const rss10k = rssBytes(pid)
    const smaps10k = smapsByKind(pid).kb
    const bareRest = await load(`${bare.url}/`, 10_000 - 100 - 1000, 50)
    if (bareRest.errors.length > 0) throw new Error(`bare server: ${bareRest.errors.length} errors`)
    const bareRss10k = rssBytes(bare.child.pid!)
    const made = sample(await (await fetch(`${s.url}/metrics`)).text(), 'guestview_collections_total{container="self"}')
    const servedS = (performance.now() - servedFrom) / 1000
    // 3c. RSS under ApacheBench with keep-alive: a fresh serve and a fresh bare server, 100 requests, then
    // 9,900 more in turns of 1,100, 50 kept connections at a time (as Prometheus keeps one per target).
    const abRss = ab ? await abRssRun(ab, c.argv([process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0'])) : null

    const load1 = loadavg()[0]!
    const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`
    const pct = (x: number) => `${(x * 100).toFixed(3)}%`
    const mib = (x: number) => `${(x / 2 ** 20).toFixed(1)} MiB`
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`
    const m = lat['/metrics']!
    const h = lat['/healthz']!
    const bm = burst['/metrics']!
    const bh = burst['/healthz']!
    const fl = lat['bare']!
    lines.push(
      `# guestview serve: the issue 9 figures`,
      '',
      `Measured by \`bench/serve.ts\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, a container`,
      `(cgroup v1) of ${processes} processes, on a shared 2-CPU VM (load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end).`,
      'Medians unless said; each figure beside its baseline from the same run.',
      SERVE_OPTIONS.length > 0
        ? `serve started itself again with \`${SERVE_OPTIONS.join(' ')}\` (src/serve/start-settings.ts); the collection was measured under them too.`
        : 'This Node has no process.execve: serve ran as started, without the V8 options it gives itself under Node 22 and 24.',
      '',
      '| figure | guestview serve | baseline | ratio | target |',
      '| --- | --- | --- | --- | --- |',
      `| CPU of one collection (200 processes) | ${ms(median(inner.collectMs))} (+ ${ms(median(inner.renderMs))} to render /metrics; ${ms(median(fromSources))} from the sources under tsx) | ${ms(median(oneShot))}: one \`guestview metrics\` process | ${ratio(median(inner.collectMs), median(oneShot))} | ≤ 10 ms |`,
      `| CPU scraped every 15 s | ${pct(share15)} of a core (${ms(perScrapeS * 1000)} per scrape, ${pct(idleRate)} at rest${idleRate * idleWindowS <= 0.01 ? ': at most one 10 ms tick, the resolution of /proc/PID/stat' : ''}) | ${pct(loop15)}: a sleep loop running \`guestview metrics\` every 15 s | ${ratio(share15, loop15)} | ≤ 0.2% |`,
      `| RSS after 10,000 requests | ${mib(rss10k)} | ${mib(rss100)} after 100 (${mib(rssMid)} after ${midRequests.toLocaleString('en-US')}: ${ratio(rss10k, rssMid)} from there) | ${ratio(rss10k, rss100)} | within 10% (≤ 1.10x) |`,
      `| the same, a bare node:http server answering "ok" (the floor: node:http, this client, this machine) | ${mib(bareRss10k)} | ${mib(bareRss100)} after 100 | ${ratio(bareRss10k, bareRss100)} | |`,
      ...(abRss
        ? [
            `| RSS after 10,000 requests, ApacheBench (\`ab -k\`, 50 kept connections; a fresh server, /metrics only) | ${mib(abRss.serve[1])} | ${mib(abRss.serve[0])} after 100 | ${ratio(abRss.serve[1], abRss.serve[0])} | within 10% (≤ 1.10x) |`,
            `| the same, a bare node:http server answering "ok" (fresh, in the same turns) | ${mib(abRss.bare[1])} | ${mib(abRss.bare[0])} after 100 | ${ratio(abRss.bare[1], abRss.bare[0])} | |`,
          ]
        : [`| RSS under ApacheBench | not measured: no \`ab\` (apt-get install apache2-utils) | | | |`]),
      `| p99 latency, 50 concurrent (1,000 scrapes) | ${ms(percentile(m, 99))} /metrics (p50 ${ms(percentile(m, 50))}) | ${ms(percentile(h, 99))} /healthz, which reads nothing (p50 ${ms(percentile(h, 50))}) | ${ratio(percentile(m, 99), percentile(h, 99))} | ≤ 50 ms |`,
      `| the same, a bare node:http server answering "ok" (rounds interleaved with both) | ${ms(percentile(fl, 99))} (p50 ${ms(percentile(fl, 50))}) | ${ms(percentile(m, 99))} /metrics | ${ratio(percentile(fl, 99), percentile(m, 99))} | |`,
      ...(ab
        ? [
            `| p99 latency, 50 concurrent (1,000 scrapes), ApacheBench as the client (\`ab -k\`, C; whole ms) | ${ms(percentile(abLat['/metrics']!, 99))} /metrics (p50 ${ms(percentile(abLat['/metrics']!, 50))}) | ${ms(percentile(abLat['/healthz']!, 99))} /healthz (p50 ${ms(percentile(abLat['/healthz']!, 50))}); bare server ${ms(percentile(abLat['bare']!, 99))} (p50 ${ms(percentile(abLat['bare']!, 50))}) | ${ratio(percentile(abLat['/metrics']!, 99), percentile(abLat['/healthz']!, 99))} | ≤ 50 ms |`,
          ]
        : [`| p99 latency under ApacheBench | not measured: no \`ab\` (apt-get install apache2-utils) | | | |`]),
      `| the same, 50 concurrent after 3.2 s without a scrape (they wait for one collection; 3 bursts) | ${ms(percentile(bm, 99))} /metrics (p50 ${ms(percentile(bm, 50))}) | ${ms(percentile(bh, 99))} /healthz (p50 ${ms(percentile(bh, 50))}) | ${ratio(percentile(bm, 99), percentile(bh, 99))} | |`,
      `| serve's start: spawn to listening (10 each, in turns) | ${ms(median(ready.restart))}${SERVE_OPTIONS.length > 0 ? ', starting itself again with its options' : ' (no restart under this Node)'} | ${ms(median(ready.asStarted))} with GUESTVIEW_SERVE_RESTART=0 | ${ratio(median(ready.restart), median(ready.asStarted))} | |`,
      '',
      `Where serve's RSS grew from 100 requests to 10,000 (the Node client; /proc/PID/smaps by kind, bench/lib/smaps.ts): ${growth(smaps100, smaps10k)}.`,
      '',
      `The server made ${made} collections in its ${servedS.toFixed(0)} s and 10,001 requests (at most one a second).`,
    )
  } finally {
    stop(s)
    stop(bare)
  }
} finally {
  await c.stop()
  cg.cleanup()
}
mkdirSync(dirname(OUT), {recursive: true})
// The figures replace the file's head; its sections (## ..., the A/B runs of bench/serve-ab.ts) are kept.
const kept = existsSync(OUT) ? readFileSync(OUT, 'utf8') : ''
const sections = kept.indexOf('\n## ')
writeFileSync(OUT, lines.join('\n') + '\n' + (sections >= 0 ? kept.slice(sections) : ''))
console.log(lines.join('\n'))
