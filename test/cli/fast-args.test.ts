// Which arguments the fast path (src/cli/fast.ts) takes: only `owns` with --json, --root DIR and --no-color.
// Anything else goes to oclif, so help and errors stay oclif's. Its output: fast-path.live.test.ts.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseFastArgs} from '../../src/cli/fast.js'

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

test.run()
