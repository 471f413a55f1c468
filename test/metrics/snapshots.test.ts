// The metrics exposition, byte for byte: `metrics` on every fixture (one container), and a pod's with a
// container that could not be read, a failed collection, its duration and its time (what `serve --pod`
// serves). Compared with test/metrics/snapshots/*.prom (test/helpers/snapshot.ts: UPDATE_SNAPSHOTS=1
// rewrites them, and the diff is the review). The values are those written into the fixtures.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {metricsRegistry, metricsText, type MetricsState} from '../../src/metrics/registry.js'
import {buildFull} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {fixtureNames} from '../explain/lib.js'
import {FIXTURES, REPO} from '../helpers/paths.js'
import {snapshotProblem} from '../helpers/snapshot.js'

const SNAPSHOTS = join(REPO, 'test', 'metrics', 'snapshots')
const AT = new Date('2026-11-26T12:00:00Z')
const report = (fixture: string) => buildFull(new Sysroot(join(FIXTURES, fixture, 'root')), AT)

test('metrics on every fixture: the whole text as it was', async () => {
  const names = fixtureNames()
  assert.ok(names.length > 0, 'no fixtures')
  const problems: string[] = []
  for (const name of names) {
    const {text} = await metricsText([{container: 'self', report: report(name)}])
    const problem = snapshotProblem(join(SNAPSHOTS, `${name}.prom`), text)
    if (problem) problems.push(problem)
  }
  assert.equal(problems, [])
})

test('a pod: two containers, one unreadable, a failed collection with its duration and time', async () => {
  const state: MetricsState = {
    containers: [
      {container: 'app', report: report('docker-v2-private')},
      {container: 'sidecar', report: report('vm-v1hybrid-hostns-limits')},
    ],
    unreadable: [{container: 'gone', reason: '/proc/4242/root: No such file or directory'}],
    collections: 7,
    error: 'collection timed out after 5 s',
    durationSeconds: 0.125,
    timestampSeconds: 1_764_158_400,
  }
  const text = await metricsRegistry(() => state).metrics()
  assert.is(snapshotProblem(join(SNAPSHOTS, 'pod.prom'), text), null)
})

test.run()
