// A read's text is parsed once per parser (read-field.ts parsedOnce): the first parser's result is kept
// beside the read, a second parser's apart, and each answers the same value every time.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {ok, type Parsed} from '../../src/parse/result.js'
import {readField} from '../../src/sysroot/read-field.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {fixtureRoot} from '../helpers/report.js'

const ROOT = fixtureRoot('docker-v2-private')

test('each parser runs once per read, whatever the order of the calls', () => {
  const sys = new Sysroot(ROOT)
  const calls = {lines: 0, length: 0}
  const lines = (t: string): Parsed<number> => (calls.lines++, ok(t.split('\n').length))
  const length = (t: string): Parsed<number> => (calls.length++, ok(t.length))
  const a = readField(sys, '/proc/self/cgroup', lines)
  const b = readField(sys, '/proc/self/cgroup', length)
  const c = readField(sys, '/proc/self/cgroup', lines)
  const d = readField(sys, '/proc/self/cgroup', length)
  assert.equal(calls, {lines: 1, length: 1})
  assert.equal(a, c)
  assert.equal(b, d)
  assert.is(a.kind, 'value')
  assert.is(b.kind === 'value' && b.value, (sys.read('/proc/self/cgroup') as {value: string}).value.length)
  // Another snapshot reads and parses again.
  readField(new Sysroot(ROOT), '/proc/self/cgroup', lines)
  assert.is(calls.lines, 2)
})

test.run()
