import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parsePidArg, PID_MAX_LIMIT} from '../../src/target/pid-arg.js'

const good: [string, number][] = [
  ['1', 1],
  ['4242', 4242],
  [' 17 ', 17],
  ['007', 7],
  [String(PID_MAX_LIMIT), PID_MAX_LIMIT],
]
for (const [raw, pid] of good)
  test(`--pid ${JSON.stringify(raw)} is PID ${pid}`, () => assert.equal(parsePidArg(raw), {ok: true, pid}))

const bad: [string, RegExp][] = [
  ['0', /PIDs start at 1/],
  ['000', /PIDs start at 1/],
  ['-1', /a PID is positive/],
  ['abc', /not a process ID/],
  ['12abc', /not a process ID/],
  ['1.5', /not a process ID/],
  ['', /not a process ID/],
  ['0x10', /not a process ID/],
  [String(PID_MAX_LIMIT + 1), /larger than any PID Linux gives/],
  ['99999999999999999999999999999999999999999999999999', /larger than any PID Linux gives/],
]
for (const [raw, why] of bad) {
  test(`--pid ${JSON.stringify(raw)} is refused with one line that says what to pass`, () => {
    const r = parsePidArg(raw)
    assert.is(r.ok, false)
    if (r.ok) return
    assert.match(r.message, why)
    assert.match(r.message, /^--pid /)
    assert.match(r.message, /guestview pod/)
    assert.not.match(r.message, /\n/)
    assert.ok(r.message.length < 200, r.message)
  })
}

test.run()
