// A supervisor that sends SIGTERM the moment serve says it listens must get a clean stop: the drain, its line
// and exit 0. serve's handlers went in just after that line, and Node leaves SIGTERM to the kernel's default
// action until a listener is in (its first one also loads the signal binding): a SIGTERM sent on reading the line
// killed serve outright now and then (2 of 3 cold starts under Node 24, in one engineer's script). Each start
// here sends SIGTERM from the stdout listener that sees the line, with nothing in between.
import {spawn} from 'node:child_process'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built} from '../helpers/live.js'
import {officialNode} from '../helpers/node-versions.js'
import {assertLiveTest, BIN} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const STARTS = 4

/** serve started, SIGTERM sent as soon as its "listening" line is read: how it ended, and what it printed. */
function startAndStopAtOnce(node: string): Promise<{code: number | null; signal: string | null; output: string}> {
  // No restart (it would print its line from the process after execve, a different moment): the command's own
  // handlers are what this checks.
  const argv = [BIN, 'serve', '--listen', '127.0.0.1:0']
  assertLiveTest(argv.join(' '))
  const child = spawn(node, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, GUESTVIEW_SERVE_RESTART: '0'},
  })
  let output = ''
  let sent = false
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  const seen = (d: Buffer) => {
    output += String(d)
    if (!sent && /listening on http:/.test(output)) {
      sent = true
      child.kill('SIGTERM')
    }
  }
  child.stdout.on('data', seen)
  child.stderr.on('data', seen)
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, output})
    }),
  )
}

const THIS_NODE = Number(process.versions.node.split('.')[0])
for (const major of [THIS_NODE, 24]) {
  const b = major === THIS_NODE ? {ok: true as const, node: process.execPath} : officialNode(major)
  const name = `Node ${major}: SIGTERM sent the moment serve says it listens drains it and exits 0 (${STARTS} starts)`
  if (!b.ok || !built()) {
    skip(test, name, b.ok ? 'dist/guestview.mjs is not built: run `npm run build`' : b.reason)
    continue
  }
  test(name, async () => {
    for (let i = 0; i < STARTS; i++) {
      const r = await startAndStopAtOnce(b.node)
      assert.is(r.signal, null, `start ${i + 1}: killed by ${r.signal}, not stopped: ${r.output}`)
      assert.is(r.code, 0, `start ${i + 1}: ${r.output}`)
      assert.match(r.output, /SIGTERM: drained, exiting/, `start ${i + 1}`)
    }
  })
}

test.run()
