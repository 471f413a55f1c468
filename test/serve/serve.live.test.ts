// `guestview serve` as a real process on loopback, over a fixture sysroot: the three routes and 404 for the
// rest, no request parameter reaching the files, the JSON report, the age of the values served
// (guestview_collection_timestamp_seconds: stale-while-revalidate under 3 s), a port in use, a bad --listen, and
// SIGTERM in the middle of a scrape (answered, then exit 0 within 2 s).
import {connect} from 'node:net'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {MAX_AGE_MS} from '../../src/serve/collector.js'
import {run} from '../helpers/live.js'
import {BIN, FIXTURES} from '../helpers/paths.js'
import {exited, startServe, stop} from '../helpers/serve.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')

test('routes: /metrics (text format, cAdvisor names), /report (JSON), /healthz; anything else 404', async () => {
  const s = await startServe(['--root', ROOT])
  try {
    const m = await fetch(`${s.url}/metrics`)
    assert.is(m.status, 200)
    assert.match(m.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
    const text = await m.text()
    // Encoded once per collection and sent with its length, not chunked (src/serve/server.ts).
    assert.is(m.headers.get('content-length'), String(Buffer.byteLength(text)))
    assert.is(m.headers.get('transfer-encoding'), null)
    assert.match(text, /^container_spec_cpu_quota\{container="self"\} 150000$/m)
    assert.match(text, /^guestview_collection_error\{container="self",reason=""\} 0$/m)
    const r = await fetch(`${s.url}/report`)
    assert.is(r.status, 200)
    const report = (await r.json()) as {schemaVersion: number; cpu: {limit: {value: number}}; findings: unknown[]}
    assert.is(report.schemaVersion, 2)
    assert.is(report.cpu.limit.value, 1.5)
    assert.ok(Array.isArray(report.findings))
    const h = await fetch(`${s.url}/healthz`)
    assert.is(h.status, 200)
    assert.is(await h.text(), 'ok\n')
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/metrics/'],
      ['GET', '/proc/self/cgroup'],
      ['GET', '/../../etc/passwd'],
      ['POST', '/metrics'],
      ['DELETE', '/report'],
    ] as const) {
      const x = await fetch(`${s.url}${path}`, {method})
      assert.is(x.status, 404, `${method} ${path}`)
    }
  } finally {
    stop(s)
  }
})

test('no request parameter makes it read a path: ?root=, ?path= and headers change nothing', async () => {
  const s = await startServe(['--root', ROOT])
  try {
    const plain = await (await fetch(`${s.url}/report`)).json()
    for (const q of ['?root=/', '?root=/etc&path=/etc/passwd', '?sysroot=../../..']) {
      const r = await fetch(`${s.url}/report${q}`, {headers: {'x-root': '/', cookie: 'root=/'}})
      assert.is(r.status, 200)
      const body = (await r.json()) as {root: string}
      assert.is(body.root, ROOT, q)
      assert.equal(body, plain, `${q}: the same collection (within the second), from the same root`)
    }
  } finally {
    stop(s)
  }
})

const stamp = async (url: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text()
  const m = /^guestview_collection_timestamp_seconds\{container="self"\} (\S+)$/m.exec(text)
  assert.ok(m, text.slice(0, 500))
  return Number(m[1]) * 1000
}

test('the age of what is served: at once from values under 3 s old (then refreshed), fresh after 3 s', async () => {
  const s = await startServe(['--root', ROOT])
  try {
    const t0 = Date.now()
    const first = await stamp(s.url)
    assert.ok(first >= t0 - 50 && first <= Date.now() + 50, 'the first scrape waits for values read for it')
    await new Promise((r) => setTimeout(r, 1200))
    // Past the 1 s interval: answered with the same values, and a new collection starts behind it.
    assert.is(await stamp(s.url), first)
    let next = first
    for (let i = 0; i < 50 && next === first; i++) {
      await new Promise((r) => setTimeout(r, 100))
      next = await stamp(s.url)
    }
    assert.ok(next > first + 1000, `refreshed in the background: ${next - first} ms later`)
    // 3 s without a scrape: the next one waits for values read for it.
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 200))
    const t1 = Date.now()
    const fresh = await stamp(s.url)
    assert.ok(fresh >= t1 - 50, `read for the scrape: ${t1 - fresh} ms before it`)
  } finally {
    stop(s)
  }
})

test('a port in use: exit 2 with one line that says so', async () => {
  const s = await startServe(['--root', ROOT])
  try {
    const r = run(process.execPath, [BIN, 'serve', '--root', ROOT, '--listen', `127.0.0.1:${s.port}`], {
      timeoutMs: 60_000,
    })
    assert.is(r.status, 2, r.stderr)
    const lines = r.stderr.trim().split('\n')
    assert.is(lines.length, 1, r.stderr)
    assert.match(lines[0]!, /already in use/)
    assert.is(r.stdout, '')
  } finally {
    stop(s)
  }
})

test('a bad --listen: exit 2 with one line', () => {
  for (const bad of ['9323', 'localhost', '127.0.0.1:99999', '127.0.0.1:x']) {
    const r = run(process.execPath, [BIN, 'serve', '--listen', bad], {timeoutMs: 60_000})
    assert.is(r.status, 2, `${bad}: ${r.stderr}`)
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
    assert.match(r.stderr, /--listen/)
  }
})

test('SIGTERM during a scrape: that scrape is answered, then exit 0 within 2 s', async () => {
  const s = await startServe(['--root', ROOT])
  try {
    // A scrape in flight: the request line and a header sent, the end of the headers not yet.
    const sock = connect(s.port, '127.0.0.1')
    let response = ''
    sock.on('data', (d) => (response += String(d)))
    const closed = new Promise<void>((r) => sock.on('close', () => r()))
    await new Promise<void>((r) => sock.once('connect', () => r()))
    sock.write('GET /metrics HTTP/1.1\r\nHost: test\r\n')
    await new Promise((r) => setTimeout(r, 300))
    const t0 = Date.now()
    process.kill(s.child.pid!, 'SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    sock.write('\r\n')
    const done = await exited(s.child, 5000)
    await closed
    assert.is(done.code, 0, `exit ${done.code} ${done.signal}: ${s.child.output()}`)
    assert.ok(Date.now() - t0 < 2000, `exited ${Date.now() - t0} ms after SIGTERM`)
    assert.match(response, /^HTTP\/1\.1 200 OK/)
    assert.match(response, /connection: close/i)
    assert.match(response, /container_spec_cpu_quota\{container="self"\} 150000/)
    assert.match(s.child.output(), /SIGTERM: drained/)
  } finally {
    stop(s)
  }
})

test.run()
