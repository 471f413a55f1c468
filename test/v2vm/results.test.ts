// The VM's result lines are parsed robustly: kernel noise and partial lines around them are ignored, a
// marked line that does not parse is reported (a truncated run), and base64 payloads decode to text and bytes.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Outputs, parseResults} from './lib/results.js'

const b64 = (s: string) => Buffer.from(s).toString('base64')
const LOG = [
  'c\u001b[?7l\u001b[2J[    0.03] noise before anything',
  '@@gv {"type":"boot","scenario":"","t":12.5,"kernel":"6.1.0-50-cloud-amd64","controllers":"cpu memory"}',
  '@@gv {"type":"start","scenario":"leaf","t":13,"limit":60}\r',
  `[  14.2] Memory cgroup out of memory: Killed process 176 (awk)@@gv {"type":"output","scenario":"leaf","key":"owns","exit":0,"seconds":9.5,"argv":"${b64('incg\nleaf\ngv\nowns\n--json\n')}","stdout":"${b64('{"a":1}')}","stderr":""}`,
  `@@gv {"type":"output","scenario":"leaf","key":"stat","exit":0,"seconds":0.1,"stdout":"${b64('nr_periods 10\nnr_throttled 3\nbad line x\n')}","stderr":""}`,
  `@@gv {"type":"output","scenario":"leaf","key":"fail","exit":2,"seconds":1,"stdout":"","stderr":"${b64('Nonexistent flag: --pid')}"}`,
  '@@gv {"type":"end","scenario":"leaf","t":30,"exit":0,"seconds":17}',
  '@@gv {"type":"output","scenario":"leaf","key":"cut',
].join('\n')

test('records are found after noise on the same line, \\r is dropped, a cut line is reported', () => {
  const r = parseResults(LOG)
  assert.equal(r.boot, {kernel: '6.1.0-50-cloud-amd64', t: 12.5})
  assert.ok(r.started.has('leaf'))
  assert.equal(r.ends.get('leaf'), {exit: 0, seconds: 17})
  assert.equal(r.done, null)
  assert.equal(r.broken.length, 1)
  assert.equal([...(r.outputs.get('leaf')?.keys() ?? [])], ['owns', 'stat', 'fail'])
})

test('Outputs: json, flat, bytes, and errors that say what is missing', () => {
  const r = parseResults(LOG)
  const o = new Outputs('leaf', r.outputs.get('leaf')!, r.ends.get('leaf')!, () => ' [context]')
  // guestview's --json is checked against its schema: {a: 1} is no owns document.
  assert.throws(() => o.json('owns'), /leaf: owns: does not match schema\/owns.schema.json/)
  assert.equal(o.flat('stat'), {nr_periods: 10, nr_throttled: 3})
  assert.equal(o.bytes('owns').toString(), '{"a":1}')
  assert.equal(o.get('owns').argv, ['incg', 'leaf', 'gv', 'owns', '--json'])
  assert.equal(o.guestviewArgs('owns'), ['owns', '--json'])
  assert.equal(o.guestviewArgs('stat'), null)
  assert.throws(() => o.json('fail'), /"fail" exited 2: .*Nonexistent flag: --pid/)
  assert.throws(
    () => o.get('nope'),
    /no output "nope" \(the scenario ended with exit 0 after 17 s; it emitted owns, stat, fail\) \[context\]/,
  )
  const none = new Outputs('gone', new Map(), null, () => '')
  assert.throws(() => none.text('x'), /never ended/)
})

test.run()
