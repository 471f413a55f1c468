// The status screens of capture and metrics --push are documents like every other screen: both renderers,
// the same words as the lines they replaced (scripts grep them), paths from the tree escaped on screen.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {renderDoc} from '../../src/doc/output.js'
import {captureDoc} from '../../src/screens/capture.js'
import {pushedDoc} from '../../src/screens/push.js'

const PLAIN = {tty: false, color: false, columns: 80}
const INK = {tty: true, color: true, columns: 80}
const flat = (s: string) =>
  s
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/`|\(!\)/g, '') // what only the plain text draws: backticks around commands, (!) before warnings
    .replace(/\s+/g, ' ')
    .trim()

const summary = {files: 41, links: 3, dirs: 12, unreadable: 2, refused: [] as string[]}
const ok = {ok: true as const, dir: '/tmp/cap', summary, replayMatches: true, replayDiff: []}

test('capture: counts, where, and the replay check, in both renderers', async () => {
  const text = await renderDoc(captureDoc(ok), PLAIN)
  assert.equal(text.split('\n'), [
    'captured 41 files, 3 links, 12 directories, 2 unreadable into /tmp/cap',
    'replay check: `--root` on it gives the same report',
  ])
  assert.is(flat(await renderDoc(captureDoc(ok), INK)), flat(text))
})

test('capture: the first 10 refused paths, and a failed replay with what differs', async () => {
  const refused = Array.from({length: 12}, (_, i) => `/proc/${i}/evil`)
  const doc = captureDoc({...ok, summary: {...summary, refused}, replayMatches: false, replayDiff: ['cpu.limit']})
  const plain = await renderDoc(doc, PLAIN)
  assert.match(plain, /^\(!\) refused 12: \/proc\/0\/evil; [^\n]*\/proc\/9\/evil$/m) // one line, not wrapped
  assert.match(plain, /^\(!\) replay check FAILED: cpu\.limit$/m)
  const text = flat(plain)
  assert.ok(text.includes(`refused 12: ${refused.slice(0, 10).join('; ')} replay check FAILED: cpu.limit`), text)
  assert.not.ok(text.includes('/proc/10/evil'))
  assert.is(flat(await renderDoc(doc, INK)), text)
})

test('capture: a directory name with a control character is escaped on screen, as every screen does', async () => {
  for (const mode of [PLAIN, INK]) {
    const text = flat(await renderDoc(captureDoc({...ok, dir: '/tmp/a\u001b]0;pwned\u0007b'}), mode))
    assert.not.match(text, /[\u0000-\u0008\u000b-\u001f]/)
    assert.ok(text.includes('into /tmp/a\\x1b]0;pwned\\x07b'), text)
  }
})

test('metrics --push: how many samples went where, and the HTTP status, in both renderers', async () => {
  const doc = pushedDoc(57, 'http://127.0.0.1:9091/metrics/job/guestview', 200)
  const text = await renderDoc(doc, PLAIN)
  assert.is(text, 'pushed 57 samples to http://127.0.0.1:9091/metrics/job/guestview (HTTP 200)')
  assert.is(flat(await renderDoc(doc, INK)), flat(text))
})

test('metrics --push in a pipe: a URL longer than the width stays whole on one line (scripts grep it)', async () => {
  const url = `http://127.0.0.1:9091/metrics/job/guestview/instance/${'a'.repeat(60)}`
  const text = await renderDoc(pushedDoc(57, url, 200), PLAIN)
  assert.is(text, `pushed 57 samples to ${url} (HTTP 200)`)
})

test.run()
