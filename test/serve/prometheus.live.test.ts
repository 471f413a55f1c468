// The real thing, end to end: Debian's Prometheus scrapes `guestview serve` every second while a busy loop
// runs in a real cgroup v1 capped at 0.2 cores, and its query API then finds the throttling rising and the
// quota as cAdvisor reports it. promtool checks the exposition of /metrics and of `guestview metrics`.
//
// The cgroup is what a pod with a pod-level limit looks like: gvtest-P has the 0.2-core quota; its child
// `busy` runs the loop with the smallest cpu.shares, its child `serve` runs guestview with the default, so
// the server is not starved by the loop it measures. serve's own container is gvtest-P/serve, whose tightest
// quota (set on gvtest-P) is 20000 us per 100000 us.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {cgroupV1Unavailable, cleanupOnExit, inCgroups, run as runBounded, TestCgroups} from '../helpers/cgroups.js'
import {run} from '../helpers/live.js'
import {BIN} from '../helpers/paths.js'
import {prometheus, prometheusUnavailable, promtoolCheck, waitFor} from '../helpers/prometheus.js'
import {startServe, stop, type Served} from '../helpers/serve.js'
import {skip} from '../helpers/skip.js'

const reason = cgroupV1Unavailable() ?? prometheusUnavailable()
const cg = new TestCgroups()
cleanupOnExit(test, cg)

const NAME = 'a busy loop under 0.2 cores, scraped by Prometheus every second: throttling rises, quota 20000'

if (reason) skip(test, NAME, reason)
else
  test(NAME, async () => {
    const P = cg.create(cg.name(), {quotaUs: 20_000, periodUs: 100_000})
    const busy = cg.create(`${P}/busy`, {shares: 2})
    const serveCg = cg.create(`${P}/serve`, {shares: 1024})
    const loop = runBounded(inCgroups(cg.procsFiles(busy), ['sh', '-c', 'while :; do :; done']), {timeoutMs: 120_000})
    let s: Served | null = null
    try {
      s = await startServe(
        [],
        inCgroups(cg.procsFiles(serveCg), [process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0']),
      )
      const prom = await prometheus()
      const job = `guestview-${process.pid}`
      prom.addTarget(job, `127.0.0.1:${s.port}`)

      // promtool on the live /metrics while it is scraped.
      const body = await (await fetch(`${s.url}/metrics`)).text()
      assert.match(body, /^container_spec_cpu_quota\{container="self"\} 20000$/m)
      assert.is(promtoolCheck(body), null)

      const quota = await waitFor('container_spec_cpu_quota in Prometheus', 60_000, async () => {
        const r = await prom.query(`container_spec_cpu_quota{job="${job}"}`)
        return r.length > 0 ? r : null
      })
      assert.is(quota.length, 1)
      assert.is(quota[0]!.value[1], '20000')
      assert.is(quota[0]!.metric.container, 'self')
      const rate = await waitFor('rate(throttled periods) > 0 in Prometheus', 60_000, async () => {
        const r = await prom.query(`rate(container_cpu_cfs_throttled_periods_total{job="${job}"}[10s]) > 0`)
        return r.length > 0 ? r : null
      })
      assert.ok(Number(rate[0]!.value[1]) > 0, JSON.stringify(rate))
      const up = await prom.query(`up{job="${job}"}`)
      assert.is(up[0]?.value[1], '1', 'every scrape of serve succeeded lately')
    } finally {
      if (s) stop(s)
      const pids = cg.read('cpu', busy, 'cgroup.procs').split('\n').filter(Boolean).map(Number)
      for (const pid of pids) process.kill(pid, 'SIGKILL')
      await loop
    }
  })

const CHECK = 'promtool check metrics passes on `guestview metrics` (this machine and a v2 fixture)'
if (reason) skip(test, CHECK, reason)
else
  test(CHECK, () => {
    for (const args of [['metrics'], ['metrics', '--root', 'fixtures/docker-v2-private/root']]) {
      const r = run(process.execPath, [BIN, ...args], {timeoutMs: 60_000})
      assert.is(r.status, 0, r.stderr)
      assert.match(r.stdout, /^container_cpu_usage_seconds_total\{container="self",cpu="total"\} /m)
      assert.is(promtoolCheck(r.stdout), null, args.join(' '))
    }
  })

test.run()
