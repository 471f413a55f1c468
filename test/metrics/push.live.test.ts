// metrics --push against a Pushgateway stand-in on loopback (no other network is touched).
import {spawn} from 'node:child_process'
import {createServer, type IncomingMessage} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {BIN, FIXTURES} from '../helpers/paths.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')

function run(args: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({status, stdout, stderr})
    })
  })
}

type Got = {method?: string; url?: string; type?: string; body: string}

async function withServer(status: number, fn: (url: string, got: Got[]) => Promise<void>) {
  const got: Got[] = []
  const server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      got.push({method: req.method, url: req.url, type: req.headers['content-type'], body})
      res.writeHead(status, {'content-type': 'text/plain'})
      res.end(status === 200 ? '' : 'bad request: text format parse error\n')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  try {
    await fn(`http://127.0.0.1:${port}/metrics/job/guestview/instance/test`, got)
  } finally {
    await new Promise<void>((r) => server.close(() => r()))
  }
}

test('--push PUTs the text format to the URL', async () => {
  await withServer(200, async (url, got) => {
    const r = await run(['metrics', '--root', ROOT, '--push', url])
    assert.is(r.status, 0, r.stderr)
    assert.match(
      r.stdout,
      /^pushed \d+ samples to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/guestview\/instance\/test \(HTTP 200\)/,
    )
    assert.is(got.length, 1)
    assert.is(got[0]!.method, 'PUT')
    assert.is(got[0]!.url, '/metrics/job/guestview/instance/test')
    assert.match(got[0]!.type ?? '', /^text\/plain; version=0\.0\.4/)
    assert.match(got[0]!.body, /^guestview_cpu_limit_cores\{source="\/sys\/fs\/cgroup\/cpu\.max"\} 1\.5$/m)
  })
})

test('an HTTP error from the gateway: exit 1, one line with the status', async () => {
  await withServer(400, async (url) => {
    const r = await run(['metrics', '--root', ROOT, '--push', url])
    assert.is(r.status, 1)
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
    assert.match(r.stderr, /HTTP 400/)
  })
})

test('nothing listening: exit 1, one line; a bad URL: exit 2', async () => {
  // Port 9 (discard) on loopback: nothing listens there on these machines; the connection is refused.
  const r = await run(['metrics', '--root', ROOT, '--push', 'http://127.0.0.1:9/metrics/job/x'])
  assert.is(r.status, 1)
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
  assert.match(r.stderr, /push to .* failed/)
  const bad = await run(['metrics', '--root', ROOT, '--push', 'ftp://example'])
  assert.is(bad.status, 2)
  assert.match(bad.stderr, /only http and https/)
})

test.run()
