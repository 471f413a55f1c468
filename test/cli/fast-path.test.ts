// The fast path (bin/run.js without @oclif/core) must print exactly what the oclif command prints.
import {spawnSync} from 'node:child_process'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseFastArgs} from '../../src/cli/fast.js'
import {comparable} from '../../src/report/capture.js'
import {BIN} from '../helpers/paths.js'

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...env},
  })

test('parseFastArgs takes only the simple owns forms', () => {
  assert.equal(parseFastArgs(['owns', '--json']), {json: true, root: '/', noColor: false})
  assert.equal(parseFastArgs(['owns', '--root', '/x', '--json']), {json: true, root: '/x', noColor: false})
  assert.equal(parseFastArgs(['owns', '--root=/y']), {json: false, root: '/y', noColor: false})
  assert.is(parseFastArgs(['owns', '--help']), null)
  assert.is(parseFastArgs(['owns', '--root']), null)
  assert.is(parseFastArgs(['owns', '--root', '--json']), null)
  assert.is(parseFastArgs(['capture', 'x']), null)
  assert.is(parseFastArgs([]), null)
})

test('owns --json: fast path and oclif give the same report', () => {
  const fast = run(['owns', '--json'])
  const slow = run(['owns', '--json'], {GUESTVIEW_NO_FAST_PATH: '1'})
  assert.is(fast.status, 0, fast.stderr)
  assert.is(slow.status, 0, slow.stderr)
  const a = comparable(JSON.parse(fast.stdout)) as Record<string, any>
  const b = comparable(JSON.parse(slow.stdout)) as Record<string, any>
  // Live counters move between the two runs; the structure and limits must not.
  for (const r of [a, b]) {
    r.cpu.usageSeconds = 0
    r.memory.usageBytes = r.memory.workingSetBytes = r.memory.inactiveFileBytes = 0
    r.pids.current = 0
    r.target.pid = 0 // each run is its own process
    r.pressure = r.io = r.memory.failcnt = null
    if (r.cpu.throttling) r.cpu.throttling = null
  }
  assert.equal(a, b)
})

test('owns --root on a missing directory: exit 2, one line on stderr', () => {
  const r = run(['owns', '--root', '/nonexistent-guestview-root', '--json'])
  assert.is(r.status, 2)
  const plain = run(['owns', '--root', '/nonexistent-guestview-root'])
  assert.is(plain.status, 2)
  assert.is(plain.stderr.trim().split('\n').length, 1)
  assert.match(plain.stderr, /--root/)
})

test('a bad flag: exit 2 with a one-line hint', () => {
  const r = run(['owns', '--bogus'])
  assert.is(r.status, 2)
  assert.is(r.stderr.trim().split('\n').length, 1)
  assert.match(r.stderr, /--help/)
})

test.run()
