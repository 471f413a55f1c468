// docs/image.md's Prometheus scrape configs are real: each ```yaml block with scrape_configs passes
// `promtool check config` (Debian's prometheus package), and they name what the examples set - the pod's
// prometheus.io/* annotations (as Kubernetes service discovery spells them) and the compose port.
// Debian builds Prometheus without Kubernetes service discovery ("field kubernetes_sd_configs not found"),
// so the Kubernetes job is checked with file_sd_configs in its place: everything else (the relabelling,
// its regexes and target labels) is checked as written.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {sh} from '../helpers/podman.js'
import {prometheusUnavailable} from '../helpers/prometheus.js'
import {skip} from '../helpers/skip.js'

const DOC = readFileSync(join(REPO, 'docs', 'image.md'), 'utf8')
const configs = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .filter((y) => y.includes('scrape_configs:'))
const manifest = readFileSync(join(REPO, 'examples', 'kubernetes', 'pod-with-guestview-sidecar.yaml'), 'utf8')
const compose = readFileSync(join(REPO, 'examples', 'compose.yaml'), 'utf8')

test('docs/image.md has a Kubernetes scrape config keyed on the manifest annotations, and a static one for compose', () => {
  assert.is(configs.length, 2)
  const [k8s, local] = configs as [string, string]
  for (const a of ['scrape', 'port', 'path']) {
    assert.match(manifest, new RegExp(`prometheus\\.io/${a}:`), `the manifest sets prometheus.io/${a}`)
    assert.ok(
      k8s.includes(`__meta_kubernetes_pod_annotation_prometheus_io_${a}`),
      `the config reads prometheus.io/${a}`,
    )
  }
  const published = /"127\.0\.0\.1:(\d+):\d+"/.exec(compose)
  assert.ok(published, 'compose publishes serve on loopback')
  assert.ok(local.includes(`"127.0.0.1:${published[1]}"`), 'the static target is the published port')
})

const reason = prometheusUnavailable()
const NAME = 'promtool check config passes on every scrape config in docs/image.md'
if (reason) skip(test, NAME, reason)
else
  test(NAME, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gv-scrape-'))
    try {
      configs.forEach((yaml, i) => {
        const file = join(dir, `prometheus-${i}.yml`)
        const debian = yaml.replace(
          /kubernetes_sd_configs:\n(\s+)- role: pod\n/,
          `file_sd_configs:\n$1- files: ["${join(dir, 'targets.json')}"]\n`,
        )
        if (i === 0) assert.is.not(debian, yaml, 'the Kubernetes job was found and stood in for')
        writeFileSync(file, debian)
        const r = sh('promtool', ['check', 'config', file], {timeoutMs: 20_000})
        assert.is(r.status, 0, `${yaml}\n${r.stdout}${r.stderr}`)
      })
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

test.run()
