// What one collection of `serve` holds, over fixture sysroots: with --pod, a container that cannot be read
// (/proc/PID/root refused) or whose process went away while it was read is listed as unreadable with why,
// and served as guestview_container_readable{reason} 0 with none of its values (an unread container's report
// is all unknowns); without --pod, a target that went away fails the collection (the last good values and
// the error gauge are served). /report with --pod lists them in `unreadable`.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Target} from '../../src/live/targets.js'
import {metricsRegistry} from '../../src/metrics/registry.js'
import {collectReports} from '../../src/serve/collector.js'
import {reportBody, stateOf} from '../../src/serve/server.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'
import {assertSchema} from '../helpers/schema.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')
const target = (name: string, extra: Partial<Target> = {}): Target => ({
  name,
  open: () => new Sysroot(ROOT),
  gone: () => null,
  ...extra,
})

const denied = target('abc123def456', {unreadable: 'permission denied reading /proc/42/root (nginx)'})
const exited = target('/app', {gone: () => 'process 7 (app) has exited'})

const served = (pod: boolean, targets: Target[]) => {
  const last = collectReports(() => targets, {pod})()
  return {last, error: null, count: 1}
}

test('--pod: an unreadable or exited container is listed with why, not read or served as unknowns', async () => {
  const s = served(true, [target('self'), denied, exited])
  assert.equal(
    s.last.containers.map((c) => c.container),
    ['self'],
  )
  assert.equal(s.last.unreadable, [
    {container: 'abc123def456', reason: 'permission denied reading /proc/42/root (nginx)'},
    {container: '/app', reason: 'process 7 (app) has exited'},
  ])
  const text = await metricsRegistry(() => stateOf(s)).metrics()
  assert.match(text, /^guestview_container_readable\{container="self",reason=""\} 1$/m)
  assert.match(
    text,
    /^guestview_container_readable\{container="abc123def456",reason="permission denied reading \/proc\/42\/root \(nginx\)"\} 0$/m,
  )
  assert.match(text, /^guestview_container_readable\{container="\/app",reason="process 7 \(app\) has exited"\} 0$/m)
  for (const name of ['abc123def456', '/app'])
    assert.equal(
      text
        .split('\n')
        .filter((l) => l.includes(`container="${name}"`) && !l.startsWith('guestview_container_readable')),
      [],
      `no other series of ${name}`,
    )
  const body = reportBody(s, true)
  assert.is(body.status, 200)
  assertSchema('serve-pod-report', body.body, '/report with unreadable containers')
  assert.equal((body.body as {unreadable: unknown}).unreadable, s.last.unreadable)
})

test('--pod with every container read: no unreadable list, readable 1 each', async () => {
  const s = served(true, [target('self'), target('/b')])
  assert.is(s.last.unreadable, undefined)
  const body = reportBody(s, true).body as Record<string, unknown>
  assert.equal(Object.keys(body), ['containers'])
  const text = await metricsRegistry(() => stateOf(s)).metrics()
  assert.match(text, /^guestview_container_readable\{container="\/b",reason=""\} 1$/m)
})

test('one target (--pid) that went away fails the collection: the last good values are served with the error', () => {
  assert.throws(() => collectReports(() => [exited])(), /^\/app: process 7 \(app\) has exited$/)
})

test.run()
