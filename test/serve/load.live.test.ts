// Load on `guestview serve` in a container of 200 processes (a real v1 cgroup): 1,000 scrapes of /metrics,
// 50 concurrent. Every scrape succeeds, and the files are read at most once per second: the server's own
// guestview_collections_total may rise by at most one per started second of the run (plus the first).
// Latency and RSS are printed here and recorded by bench/serve.ts, never asserted (a shared CI machine).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {crowd, type Crowd} from '../../bench/lib/crowd.js'
import {MAX_AGE_MS} from '../../src/serve/collector.js'
import {load, percentile, rssBytes, sample} from '../../bench/lib/load.js'
import {cgroupV1Unavailable, cleanupOnExit, TestCgroups} from '../helpers/cgroups.js'
import {BIN} from '../helpers/paths.js'
import {startServe, stop, type Served} from '../helpers/serve.js'
import {skip} from '../helpers/skip.js'

const cg = new TestCgroups()
cleanupOnExit(test, cg)
const reason = cgroupV1Unavailable()
const NAME = '1,000 scrapes, 50 concurrent, of a 200-process container: no errors, at most one collection a second'

const collections = async (url: string) =>
  sample(await (await fetch(`${url}/metrics`)).text(), 'guestview_collections_total{container="self"}')

if (reason) skip(test, NAME, reason)
else
  test(NAME, async () => {
    let c: Crowd | null = null
    let s: Served | null = null
    try {
      c = await crowd(200, cg)
      s = await startServe([], c.argv([process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0']))
      const pid = s.child.pid!
      const before = (await collections(s.url))!
      const rssBefore = rssBytes(pid)
      const t0 = performance.now()
      const r = await load(`${s.url}/metrics`, 1000, 50)
      const seconds = (performance.now() - t0) / 1000
      // A quiet machine can finish the run inside the interval of `before`'s collection, all of it then
      // served from that one; and a scrape within 3 s of the latest collection is answered from it while
      // the next is read in the background. Wait until the latest collection (started before the run
      // ended) is MAX_AGE_MS old, so that `after` waits for a collection of its own.
      await new Promise((done) => setTimeout(done, MAX_AGE_MS + 100))
      const after = (await collections(s.url))!
      assert.equal(r.errors, [], `${r.errors.length} errors: ${r.errors.slice(0, 3).join('; ')}`)
      assert.is(r.latenciesMs.length, 1000)
      // The scrape of `after` makes one more collection after the run (the wait above makes it certain).
      const made = after - before
      assert.ok(made >= 1, 'the scrape after the run collected')
      assert.ok(made <= Math.ceil(seconds) + 3, `${made} collections in ${seconds.toFixed(2)} s`)
      const body = await (await fetch(`${s.url}/metrics`)).text()
      assert.ok(
        (sample(body, 'guestview_pids_current{container="self"}') ?? 0) >= 200,
        'the container has 200 processes',
      )
      console.log(
        `  load: ${made} collections in ${seconds.toFixed(2)} s; p50 ${percentile(r.latenciesMs, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(r.latenciesMs, 99).toFixed(1)} ms; RSS ${(rssBefore / 2 ** 20).toFixed(1)} -> ${(rssBytes(pid) / 2 ** 20).toFixed(1)} MiB`,
      )
    } finally {
      if (s) stop(s)
      if (c) await c.stop()
    }
  })

test.run()
