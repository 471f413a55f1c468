import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bar, cmd, line, list, num, p, path, text} from './tokens.js'

test('p: literal text and values become text tokens, tokens and token lists stay in place', () => {
  assert.equal(p`run ${cmd('guestview owns')} for ${num(1.5, 'cores')}`, [
    text('run '),
    cmd('guestview owns'),
    text(' for '),
    num(1.5, 'cores'),
  ])
  assert.equal(p`${p`a ${path('/x')}`}!`, [text('a '), path('/x'), text('!')])
  assert.equal(p`${3} of ${null}`, [text('3'), text(' of '), text('unknown')])
})

test('value tokens: NaN, Infinity and undefined are stored as null (unknown), so JSON keeps them', () => {
  for (const v of [Number.NaN, Infinity, undefined, null])
    assert.equal(num(v, 'bytes'), {t: 'number', value: null, unit: 'bytes'})
  assert.equal(JSON.parse(JSON.stringify(p`${num(Number.NaN)}`)), [{t: 'number', value: null, unit: 'plain'}])
  assert.is(bar(Number.NaN).fraction, null)
})

test('line: a screen line may hold lists (and pairs, bars) beside spans', () => {
  assert.equal(line`read by ${list(['uptime', [cmd('top')]])}`, [
    text('read by '),
    {t: 'list', items: [[text('uptime')], [cmd('top')]]},
  ])
})

test.run()
