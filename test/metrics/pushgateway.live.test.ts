// A real Pushgateway (Debian's prometheus-pushgateway, on loopback, persisting to a temporary file so that
// no earlier run's samples come back) receives `metrics --push http://127.0.0.1:PORT` (the base URL alone,
// which the gateway answers with 405 when no job path is added), and its /metrics shows the samples under
// job "guestview"; --job names another job.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {run} from '../helpers/live.js'
import {BIN, FIXTURES} from '../helpers/paths.js'
import {background, freePort, prometheusUnavailable, tempDir, waitFor} from '../helpers/prometheus.js'
import {skip} from '../helpers/skip.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')
const reason = prometheusUnavailable()
const NAME = 'metrics --push BASE_URL reaches a real Pushgateway under job guestview (and --job)'

if (reason) skip(test, NAME, reason)
else
  test(NAME, async () => {
    const port = await freePort()
    const gw = background('prometheus-pushgateway', [
      `--web.listen-address=127.0.0.1:${port}`,
      `--persistence.file=${join(tempDir('guestview-pushgateway-'), 'metrics.store')}`,
      '--log.level=warn',
    ])
    const base = `http://127.0.0.1:${port}`
    try {
      await waitFor(`pushgateway on ${base}`, 30_000, async () => ((await fetch(`${base}/-/ready`)).ok ? true : null))
      const bare = await fetch(base, {method: 'PUT', body: 'x 1\n'})
      assert.is(bare.status, 405, 'the gateway refuses a push to its base URL: the path must be added')

      const r = run(process.execPath, [BIN, 'metrics', '--root', ROOT, '--push', base], {timeoutMs: 60_000})
      assert.is(r.status, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^pushed \\d+ samples to ${base}/metrics/job/guestview \\(HTTP 200\\)`))
      const other = run(process.execPath, [BIN, 'metrics', '--root', ROOT, '--push', `${base}/`, '--job', 'sidecar'], {
        timeoutMs: 60_000,
      })
      assert.is(other.status, 0, other.stderr)

      const text = await (await fetch(`${base}/metrics`)).text()
      assert.match(text, /^container_spec_cpu_quota\{container="self",instance="",job="guestview"\} 150000$/m)
      assert.match(text, /^container_spec_cpu_quota\{container="self",instance="",job="sidecar"\} 150000$/m)
      assert.match(text, /^push_time_seconds\{instance="",job="guestview"\} /m)
    } finally {
      if (gw.pid !== undefined && gw.exitCode === null) process.kill(gw.pid, 'SIGKILL')
    }
  })

test.run()
