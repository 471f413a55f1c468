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
    // A status line (src/screens/push.ts): in a pipe one line, neither indented nor wrapped.
    assert.match(
      r.stdout,
      /^pushed \d+ samples to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/guestview\/instance\/test \(HTTP 200\)\n$/,
    )
    assert.is(got.length, 1)
    assert.is(got[0]!.method, 'PUT')
    assert.is(got[0]!.url, '/metrics/job/guestview/instance/test')
    assert.match(got[0]!.type ?? '', /^text\/plain; version=0\.0\.4/)
    assert.match(
      got[0]!.body,
      /^guestview_cpu_limit_cores\{container="self",source="\/sys\/fs\/cgroup\/cpu\.max"\} 1\.5$/m,
    )
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

// --- the gateway is another party (issue 13 item 3) ---------------------------------------------------------

type Handler = (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void

async function withHandler(handler: Handler, fn: (base: string, seen: Got[]) => Promise<void>) {
  const seen: Got[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      seen.push({method: req.method, url: req.url, type: req.headers['content-type'], body})
      handler(req, body, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  try {
    await fn(`http://127.0.0.1:${port}`, seen)
  } finally {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  }
}

test('a redirect is an error, not followed: the body is not re-sent elsewhere (303 once became "pushed ... HTTP 200")', async () => {
  await withHandler(
    (_req, _body, res) => res.end('ok'),
    async (other, otherSeen) => {
      for (const status of [301, 302, 303, 307, 308]) {
        await withHandler(
          (_req, _body, res) => {
            res.writeHead(status, {location: `${other}/stolen`})
            res.end()
          },
          async (base) => {
            const r = await run(['metrics', '--root', ROOT, '--push', `${base}/metrics/job/guestview`])
            assert.is(r.status, 1, `${status}: ${r.stdout}`)
            assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
            assert.match(r.stderr, new RegExp(`HTTP ${status} redirect to ${other}/stolen`))
            assert.not.match(r.stdout, /pushed/)
          },
        )
      }
      assert.is(otherSeen.length, 0, 'the redirect target got nothing')
    },
  )
})

test('credentials in the URL are sent as basic auth but never printed', async () => {
  for (const status of [200, 400]) {
    await withHandler(
      (_req, _body, res) => {
        res.writeHead(status)
        res.end(status === 200 ? '' : 'no\n')
      },
      async (base, seen) => {
        const url = base.replace('//', '//pushuser:s3cr3t-pw@') + '/metrics/job/guestview'
        const r = await run(['metrics', '--root', ROOT, '--push', url])
        assert.is(r.status, status === 200 ? 0 : 1, r.stderr)
        assert.not.match(r.stdout + r.stderr, /s3cr3t-pw/)
        assert.match(r.stdout + r.stderr, /pushuser:\*\*\*@/)
        assert.is(seen.length, 1)
      },
    )
  }
  const bad = await run(['metrics', '--root', ROOT, '--push', 'ftp://u:s3cr3t-pw@example/x'])
  assert.is(bad.status, 2)
  assert.not.match(bad.stderr, /s3cr3t-pw/)
})

test('an error body is one sanitised line: escape codes escaped, not sent to the terminal', async () => {
  await withHandler(
    (_req, _body, res) => {
      res.writeHead(500)
      res.end('\u001b]0;pwned\u0007\u001b[2Jbad\r\nthings\u009b31m\n')
    },
    async (base) => {
      const r = await run(['metrics', '--root', ROOT, '--push', `${base}/metrics/job/guestview`])
      assert.is(r.status, 1)
      assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.not.match(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
      assert.match(r.stderr, /HTTP 500 \\x1b\]0;pwned\\x07\\x1b\[2Jbad\\x0d things\\x9b31m/)
    },
  )
})

test('a 300 MB error body is not read whole: a few KB, then the connection is dropped', async () => {
  let sent = 0
  const chunk = Buffer.alloc(64 * 1024, 'x')
  await withHandler(
    (_req, _body, res) => {
      res.writeHead(500, {'content-length': String(300 * 1024 * 1024)})
      const pump = () => {
        while (sent < 300 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => res.destroy())
      pump()
    },
    async (base) => {
      const t0 = Date.now()
      const r = await run(['metrics', '--root', ROOT, '--push', `${base}/metrics/job/guestview`])
      assert.is(r.status, 1, r.stderr)
      assert.ok(r.stderr.length < 1200, `stderr is ${r.stderr.length} characters`)
      assert.match(r.stderr, /HTTP 500 x+… .*only its first 4096 bytes were read/)
      assert.ok(sent < 32 * 1024 * 1024, `the client took ${sent} bytes`)
      assert.ok(Date.now() - t0 < 15_000)
    },
  )
})

test.run()
