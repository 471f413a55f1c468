import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bar, cmd, list, num, p, pair, path, warn} from '../tokens.js'
import {Inline} from './Inline.js'
import {frameOf} from '../../../test/helpers/ink.js'

test('spans: the same words as the plain text, without its backticks and "(!)" (colour marks them)', () => {
  const frame = frameOf(
    <Inline
      tokens={p`${warn('HOST-WIDE')}: run ${cmd('guestview owns')}, read ${path('/sys/fs/cgroup/memory.max')}: ${num(512 * 1024 ** 2, 'bytes')}`}
    />,
  )
  assert.is(frame, 'HOST-WIDE: run guestview owns, read /sys/fs/cgroup/memory.max: 512 MiB')
})

test('unknown values print "unknown"', () => {
  assert.is(
    frameOf(<Inline tokens={p`${num(Number.NaN, 'cores')} and ${num(null, 'bytes')}`} />),
    'unknown and unknown',
  )
})

test('pair, list and bar', () => {
  assert.is(
    frameOf(<Inline tokens={[pair([num(64 * 1024 ** 3, 'bytes')], [num(1024 ** 3, 'bytes')])]} />),
    '1 GiB yours, 64 GiB on the host',
  )
  assert.is(
    frameOf(<Inline tokens={[list(['meminfo', 'swaps', [path('/proc/stat')]])]} />),
    'meminfo, swaps, /proc/stat',
  )
  assert.is(frameOf(<Inline tokens={[bar(0.3)]} />), '███░░░░░░░ 30%')
  assert.is(frameOf(<Inline tokens={[bar(null, p`working set`)]} />), '?????????? working set')
})

test.run()
