// Where serve's RSS goes as requests accumulate (issue 9's RSS figure): serve runs in a container of 200
// processes (a real v1 cgroup; root), with bench/lib/memstats-preload.cjs loaded by `node --require` (the
// shipped server is unchanged), and is sampled after 100, 500, 1,000, 2,000, 5,000 and 10,000 requests of
// /metrics at 50 concurrent: VmRSS, /proc/PID/smaps by kind of mapping (bench/lib/smaps.ts), V8's heap spaces
// (committed and used) and process.memoryUsage(). The same for the bare node:http server
// (bench/lib/bare-server.mjs) beside it, under the same client.
// Usage: npm run build && node --import tsx bench/serve-memory.ts [node|ab] [BIN ...]
//   node: the Node client of bench/lib/load.ts (a new Agent, so new connections, for each step); ab: `ab -k`.
//   BIN: bin/run.js of the builds to compare (default this checkout's); each gets its own server, same steps.
//   BIN@FLAGS: that build with V8 flags set at its start (GV_V8_FLAGS, read by the preload), to try a flag
//   as serve would set it for itself, e.g. 'bin/run.js@--semi-space-growth-factor=1'.
//   PREFIX|BIN[@FLAGS]: also environment variables (NAME=VALUE) and node options (--...) on the command line,
//   space-separated, to compare with what serve cannot set for itself, e.g. 'MALLOC_ARENA_MAX=1|bin/run.js'.
import {join, dirname} from 'node:path'
import {loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'
import {setTimeout as sleep} from 'node:timers/promises'
import {cgroupV1Unavailable, TestCgroups} from '../test/helpers/cgroups.js'
import {startServe, stop, type Served} from '../test/helpers/serve.js'
import {crowd} from './lib/crowd.js'
import {load, rssBytes} from './lib/load.js'
import {abLoad, abPath} from './lib/ab.js'
import {memoryTable, type MemorySample, type MemStats} from './lib/memory-table.js'
import {smapsByKind} from './lib/smaps.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const PRELOAD = join(HERE, 'lib', 'memstats-preload.cjs')
const client = process.argv[2] ?? 'node'
const bins = process.argv.slice(3).length > 0 ? process.argv.slice(3) : [join(HERE, '..', 'bin', 'run.js')]
const STEPS = [100, 500, 1000, 2000, 5000, 10_000]
const why = cgroupV1Unavailable()
if (why) {
  console.error(`bench: ${why}`)
  process.exit(2)
}
const ab = client === 'ab' ? abPath() : null
if (client === 'ab' && !ab) {
  console.error('bench: no ab (apt-get install apache2-utils)')
  process.exit(2)
}

type Sample = MemorySample & {requests: number}

async function memstats(s: Served): Promise<MemStats> {
  const before = s.child.output().length
  process.kill(s.child.pid!, 'SIGUSR2')
  for (let i = 0; i < 100; i++) {
    const m = /MEMSTATS (.*)\n/.exec(s.child.output().slice(Math.max(0, before - 10)))
    if (m) return JSON.parse(m[1]!) as MemStats
    await sleep(20)
  }
  throw new Error('no MEMSTATS line')
}

async function drive(url: string, n: number): Promise<void> {
  if (ab) {
    const r = abLoad(ab, url, n, 50)
    if (r.errors.length > 0) throw new Error(r.errors.join('; '))
  } else {
    const r = await load(url, n, 50)
    if (r.errors.length > 0) throw new Error(`${r.errors.length} errors: ${r.errors[0]}`)
  }
}

const cg = new TestCgroups()
const c = await crowd(200, cg)
const servers: Served[] = []
const load0 = loadavg()[0]!
try {
  const arms: {name: string; s: Served; path: string; samples: Sample[]}[] = []
  for (const [i, bin] of bins.entries()) {
    const [prefix, rest] = bin.includes('|') ? (bin.split('|') as [string, string]) : ['', bin]
    const [path, flags] = rest.split('@') as [string, string | undefined]
    const words = prefix.split(' ').filter(Boolean)
    const env = [...words.filter((w) => !w.startsWith('-')), ...(flags ? [`GV_V8_FLAGS=${flags}`] : [])]
    const node = [process.execPath, ...words.filter((w) => w.startsWith('-')), '--require', PRELOAD, path]
    const s = await startServe([], c.argv(['env', ...env, ...node, 'serve', '--listen', '127.0.0.1:0']))
    servers.push(s)
    arms.push({name: bins.length > 1 ? `serve ${i} (${bin})` : 'serve', s, path: '/metrics', samples: []})
  }
  const bare = await startServe([], [process.execPath, '--require', PRELOAD, join(HERE, 'lib', 'bare-server.mjs')])
  servers.push(bare)
  arms.push({name: 'bare node:http', s: bare, path: '/', samples: []})
  let done = 0
  for (const step of STEPS) {
    // Steps of at most 1,000, the arms taking turns, so that each sees the same machine.
    while (done < step) {
      const n = Math.min(1000, step - done)
      for (const a of arms) await drive(`${a.s.url}${a.path}`, n)
      done += n
    }
    await sleep(300)
    for (const a of arms) {
      const {kb, threadArenas} = smapsByKind(a.s.child.pid!)
      a.samples.push({
        requests: step,
        rssKb: rssBytes(a.s.child.pid!) / 1024,
        smaps: kb,
        arenas: threadArenas,
        v8: await memstats(a.s),
      })
    }
  }
  console.log(
    `client ${client}; load average ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end; Node ${process.versions.node}`,
  )
  for (const a of arms) {
    console.log(`\n### ${a.name}, MiB after N requests\n`)
    for (const line of memoryTable(
      a.samples,
      a.samples.map((x) => x.requests.toLocaleString('en-US')),
    ))
      console.log(line)
  }
} finally {
  for (const s of servers) stop(s)
  await c.stop()
  cg.cleanup()
}
