// A second load client for the latency figure: ApacheBench (`ab`, Debian's apache2-utils), a C client on one
// epoll loop. bench/lib/load.ts is a Node client on the same 2 CPUs as the server, and it spends about as
// much CPU per request as node:http does answering it, so its p99 is largely its own (bench/results/serve.md,
// the bare-server row). `ab -k -n N -c 50` is the issue's shape exactly: N requests, 50 at a time, on kept-
// alive connections as Prometheus keeps its own. `-l` accepts bodies of differing length (ab otherwise counts
// every /metrics whose length differs from the first as failed); `-g` writes each request's total time
// (ttime, whole ms).
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** ab's path, installing apache2-utils with apt-get where it is missing (as the tests install their
 * packages; the Debian mirror is local here), or null when that cannot be done. */
export function abPath(): string | null {
  const find = () => {
    const r = spawnSync('sh', ['-c', 'command -v ab'], {encoding: 'utf8'})
    return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null
  }
  if (find() || process.getuid?.() !== 0) return find()
  spawnSync('apt-get', ['install', '-y', '-q', 'apache2-utils'], {
    stdio: 'ignore',
    timeout: 300_000,
    env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
  })
  return find()
}

/** N requests of URL, CONCURRENCY at a time, kept alive: each request's time in ms, and what went wrong. */
export function abLoad(
  ab: string,
  url: string,
  n: number,
  concurrency: number,
): {latenciesMs: number[]; errors: string[]} {
  const dir = mkdtempSync(join(tmpdir(), 'gv-ab-'))
  try {
    const tsv = join(dir, 'times.tsv')
    const r = spawnSync(ab, ['-q', '-k', '-l', '-n', String(n), '-c', String(concurrency), '-g', tsv, url], {
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
    })
    const errors: string[] = []
    if (r.status !== 0)
      errors.push(`ab exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').pop()}`)
    const failed = Number(/Failed requests:\s+(\d+)/.exec(r.stdout)?.[1] ?? NaN)
    const non2xx = Number(/Non-2xx responses:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0)
    if (!(failed === 0)) errors.push(`ab: ${Number.isNaN(failed) ? 'no summary' : `${failed} failed requests`}`)
    if (non2xx > 0) errors.push(`ab: ${non2xx} non-2xx responses`)
    // starttime  seconds  ctime  dtime  ttime  wait: one line per request after the header.
    const latenciesMs = errors.length
      ? []
      : readFileSync(tsv, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => Number(l.split('\t')[4]))
    if (latenciesMs.length !== (errors.length ? 0 : n))
      errors.push(`ab: ${latenciesMs.length} timings for ${n} requests`)
    return {latenciesMs, errors}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}
