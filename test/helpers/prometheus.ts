// One real Prometheus server (Debian's `prometheus` package) per test run, shared by every test that needs
// one: started on first use on loopback, with a temporary config and storage, scraping every second the
// targets the tests add (file_sd: a JSON file Prometheus watches), and killed by its PID when the test
// process exits. Starting it once keeps the CI budget: the server takes seconds to come up here.
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Deadline, ensurePackages, sh} from './podman.js'
import {onExit} from './on-exit.js'

export const PROMETHEUS_PACKAGES = ['prometheus', 'prometheus-pushgateway']

/** A free TCP port on loopback (asked of the kernel, then released for the program that will use it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
  })
}

export async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + ms
  let last: unknown = null
  while (Date.now() < until) {
    try {
      const v = await probe()
      if (v !== null) return v
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what}: not within ${ms} ms${last ? ` (${String(last)})` : ''}`)
}

/** Why Prometheus cannot be run here (not root to install it, no package), or null. */
export function prometheusUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to install Debian packages (prometheus, prometheus-pushgateway)'
  return ensurePackages(PROMETHEUS_PACKAGES, new Deadline(300_000))
}

export type Prom = {
  url: string
  /** Scrape http://HOSTPORT/metrics every second from now on, with the label job="JOB". */
  addTarget(job: string, hostport: string): void
  /** An instant query: the result vector. */
  query(q: string): Promise<{metric: Record<string, string>; value: [number, string]}[]>
}

const children: ChildProcess[] = []
const dirs: string[] = []
onExit(() => {
  for (const c of children) {
    if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue
    try {
      process.kill(c.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

/** Start a program in the background, bounded by the test process's life; killed by PID on exit. */
export function background(cmd: string, args: string[]): ChildProcess & {output: () => string} {
  const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  child.stdout?.on('data', (d) => (out = (out + String(d)).slice(-20_000)))
  child.stderr?.on('data', (d) => (out = (out + String(d)).slice(-20_000)))
  children.push(child)
  // Background programs must not keep the test process alive: it exits when its tests are done, and the
  // exit handler above kills them.
  child.unref()
  ;(child.stdout as unknown as {unref?: () => void} | null)?.unref?.()
  ;(child.stderr as unknown as {unref?: () => void} | null)?.unref?.()
  return Object.assign(child, {output: () => out})
}

export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

let shared: Promise<Prom> | null = null

/** The run's Prometheus, started on first call. */
export function prometheus(): Promise<Prom> {
  shared ??= start()
  return shared
}

async function start(): Promise<Prom> {
  const dir = tempDir('guestview-prometheus-')
  const targetsFile = join(dir, 'targets.json')
  const targets: {targets: string[]; labels: {job: string}}[] = []
  writeFileSync(targetsFile, '[]')
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 900ms',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: tests',
      '    file_sd_configs:',
      `      - files: ['${targetsFile}']`,
      '        refresh_interval: 1s',
      '',
    ].join('\n'),
  )
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const p = background('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ])
  await waitFor(`Prometheus ready on ${url} (output: ${p.output().slice(-500)})`, 60_000, async () =>
    p.exitCode !== null
      ? Promise.reject(new Error(`exited ${p.exitCode}: ${p.output()}`))
      : (await fetch(`${url}/-/ready`)).ok
        ? true
        : null,
  )
  return {
    url,
    addTarget(job, hostport) {
      targets.push({targets: [hostport], labels: {job}})
      writeFileSync(targetsFile, JSON.stringify(targets))
    },
    async query(q) {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`)
      const body = (await r.json()) as {status: string; data?: {result: []}; error?: string}
      if (body.status !== 'success') throw new Error(`query ${q}: ${body.error ?? r.status}`)
      return body.data?.result ?? []
    },
  }
}

/** promtool check metrics on a text: null when it passes, else its complaint. */
export function promtoolCheck(text: string): string | null {
  const r = sh('promtool', ['check', 'metrics'], {timeoutMs: 20_000, input: text})
  return r.status === 0 ? null : `${r.stdout}${r.stderr}`.trim() || `exit ${r.status}`
}
