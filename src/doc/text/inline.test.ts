import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bar, cmd, line, list, num, p, pair, path, text, warn} from '../tokens.js'
import {inlineText, tokenText} from './inline.js'

test('spans: commands in backticks, warnings marked, paths as they are, values through src/units', () => {
  assert.is(tokenText(text('plain')), 'plain')
  assert.is(tokenText(cmd('guestview owns')), '`guestview owns`')
  assert.is(tokenText(warn('HOST-WIDE')), '(!) HOST-WIDE')
  assert.is(tokenText(path('/sys/fs/cgroup/memory.max')), '/sys/fs/cgroup/memory.max')
  assert.is(tokenText(num(512 * 1024 ** 2, 'bytes')), '512 MiB')
  assert.is(tokenText(num(1.5, 'cores')), '1.5 cores')
  assert.is(tokenText(num(10 * 1024 ** 2, 'bytesPerSecond')), '10 MiB/s')
})

test('unknown values print "unknown", never NaN, Infinity or undefined', () => {
  for (const v of [null, undefined, Number.NaN, Infinity, -Infinity])
    assert.is(inlineText(p`limit ${num(v, 'bytes')}`), 'limit unknown')
  assert.is(inlineText(p`${null} and ${undefined}`), 'unknown and unknown')
})

test('host-vs-owned pair: the owned value first, then the host', () => {
  assert.is(
    tokenText(pair([num(64 * 1024 ** 3, 'bytes')], [num(1024 ** 3, 'bytes')])),
    '1 GiB yours, 64 GiB on the host',
  )
})

test('list: items separated by ", "', () => {
  assert.is(tokenText(list(['meminfo', 'swaps'])), 'meminfo, swaps')
  assert.is(
    inlineText(line`${list([p`read ${num(1024, 'bytesPerSecond')}`, [num(5, 'count'), text(' IOPS')]])}`),
    'read 1 KiB/s, 5 IOPS',
  )
  assert.is(tokenText(list([])), '')
})

test('bar: ten cells filled by the fraction (clamped), its label or the percentage after it', () => {
  assert.is(tokenText(bar(0.42)), '[####......] 42%')
  assert.is(tokenText(bar(1.7)), '[##########] 170%')
  assert.is(tokenText(bar(-1)), '[..........] -100%')
  assert.is(tokenText(bar(null)), '[??????????] unknown')
  assert.is(tokenText(bar(0.5, p`${num(512 * 1024 ** 2, 'bytes')} of 1 GiB`)), '[#####.....] 512 MiB of 1 GiB')
})

test.run()
