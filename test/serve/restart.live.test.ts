// serve starts itself again, once, with the V8 options that bound its memory (src/serve/start-settings.ts):
// under the official Node 22 and 24 (process.execve) the process that listens is the one started (same PID),
// its command line has the options, and it serves, drains on SIGTERM and exits 0 within 2 s, and a port in use
// still exits 2 with one line; GUESTVIEW_SERVE_RESTART=0 and this machine's Node 20 (no process.execve) serve
// as started. (bench/serve.ts measures the memory it saves.)
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {startNodeOptions} from '../../src/serve/start-settings.js'
import {run} from '../helpers/live.js'
import {officialNode} from '../helpers/node-versions.js'
import {BIN, FIXTURES} from '../helpers/paths.js'
import {exited, startServe, stop} from '../helpers/serve.js'
import {skip} from '../helpers/skip.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1)
const serveArgs = ['serve', '--root', ROOT, '--listen', '127.0.0.1:0']

async function servesAndStops(s: Awaited<ReturnType<typeof startServe>>): Promise<void> {
  const m = await fetch(`${s.url}/metrics`)
  assert.is(m.status, 200)
  assert.match(await m.text(), /^container_spec_cpu_quota\{container="self"\} 150000$/m)
  const t0 = Date.now()
  process.kill(s.child.pid!, 'SIGTERM')
  const done = await exited(s.child, 5000)
  assert.is(done.code, 0, `exit ${done.code} ${done.signal}: ${s.child.output()}`)
  assert.ok(Date.now() - t0 < 2000, `exited ${Date.now() - t0} ms after SIGTERM`)
  assert.is(s.child.output().match(/listening on/g)?.length, 1, s.child.output())
}

for (const major of [22, 24]) {
  const b = officialNode(major)
  const name = `Node ${major}: the started process restarts itself in place with ${startNodeOptions(major).join(' ')}`
  if (!b.ok) {
    skip(test, name, b.reason)
    continue
  }
  test(name, async () => {
    const s = await startServe([], [b.node, BIN, ...serveArgs])
    try {
      assert.equal(cmdline(s.child.pid!), [b.node, ...startNodeOptions(major), BIN, ...serveArgs])
      await servesAndStops(s)
    } finally {
      stop(s)
    }
  })

  test(`Node ${major}: GUESTVIEW_SERVE_RESTART=0 serves as started; a port in use after the restart exits 2, one line`, async () => {
    const s = await startServe([], ['env', 'GUESTVIEW_SERVE_RESTART=0', b.node, BIN, ...serveArgs])
    try {
      assert.equal(cmdline(s.child.pid!), [b.node, BIN, ...serveArgs])
      const r = run(b.node, [BIN, 'serve', '--root', ROOT, '--listen', `127.0.0.1:${s.port}`], {timeoutMs: 60_000})
      assert.is(r.status, 2, r.stderr)
      assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.match(r.stderr, /already in use/)
      assert.is(r.stdout, '')
      await servesAndStops(s)
    } finally {
      stop(s)
    }
  })
}

const here = `this machine's Node ${process.versions.node} has no process.execve: serve runs as started`
if ('execve' in process) skip(test, here, 'this Node has process.execve (the tests above cover a restart)')
else
  test(here, async () => {
    const s = await startServe(['--root', ROOT])
    try {
      assert.equal(cmdline(s.child.pid!), [process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0', '--root', ROOT])
      await servesAndStops(s)
    } finally {
      stop(s)
    }
  })

test.run()
