// Load for `guestview serve`, shared by the load test (test/serve/load.live.test.ts: zero errors, the collection
// bound) and the benchmark (bench/serve.ts: latency and RSS figures): `total` GETs of one URL from
// `concurrency` clients, each client one keep-alive connection as a Prometheus scraper keeps, and what the
// server's process looks like from /proc (RSS, CPU ticks).
import {Agent, get} from 'node:http'
import {readFileSync} from 'node:fs'

export type LoadResult = {
  requests: number
  errors: string[]
  /** Latency of each request that succeeded, in milliseconds, in completion order. */
  latenciesMs: number[]
  wallMs: number
}

function once(url: string, agent: Agent): Promise<{ok: boolean; error?: string}> {
  return new Promise((resolve) => {
    const req = get(url, {agent}, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode === 200 ? {ok: true} : {ok: false, error: `HTTP ${res.statusCode}`}))
      res.on('error', (e) => resolve({ok: false, error: e.message}))
    })
    req.on('error', (e) => resolve({ok: false, error: e.message}))
    req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')))
  })
}

export async function load(url: string, total: number, concurrency: number): Promise<LoadResult> {
  const agent = new Agent({keepAlive: true, maxSockets: concurrency})
  const latenciesMs: number[] = []
  const errors: string[] = []
  let next = 0
  const started = performance.now()
  const client = async () => {
    while (next < total) {
      next++
      const t0 = performance.now()
      const r = await once(url, agent)
      if (r.ok) latenciesMs.push(performance.now() - t0)
      else errors.push(r.error ?? 'failed')
    }
  }
  await Promise.all(Array.from({length: concurrency}, client))
  agent.destroy()
  return {requests: total, errors, latenciesMs, wallMs: performance.now() - started}
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

/** VmRSS of a process, in bytes (proc(5) /proc/PID/status). */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!m) throw new Error(`no VmRSS for ${pid}`)
  return Number(m[1]) * 1024
}

/** utime + stime of a process, in seconds (proc(5) /proc/PID/stat fields 14 and 15, USER_HZ 100). */
export function cpuSeconds(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return (Number(rest[11]) + Number(rest[12])) / 100
}

/** The value of one series in Prometheus text, by its full name and labels as printed. */
export function sample(text: string, series: string): number | null {
  for (const line of text.split('\n')) if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1))
  return null
}
