import {Box} from 'ink'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {rows} from '../blocks.js'
import {num, p} from '../tokens.js'
import {Rows} from './Rows.js'
import {frameOf} from '../../../test/helpers/ink.js'

const block = (layout: 'fit' | 'column' | 'stacked') =>
  rows(layout, [
    {key: 'limit', value: [num(1.5, 'cores')], note: p`quota 150000 us`, source: './cpu.max', tone: 'good'},
    {key: 'usage', value: [num(4.8, 'seconds')]},
  ])

test('keyed rows: values in the key column, note and source two further in', () => {
  const frame = frameOf(
    <Box width={60}>
      <Rows block={block('fit')} keyWidth={9} />
    </Box>,
  )
  assert.is(
    frame,
    ['  limit    1.5 cores', '             quota 150000 us', '             from ./cpu.max', '  usage    4.8 s'].join(
      '\n',
    ),
  )
})

test('stacked rows: the key on its own line, the value, note and source under it', () => {
  const frame = frameOf(
    <Box width={60}>
      <Rows block={block('stacked')} keyWidth={9} />
    </Box>,
  )
  assert.is(
    frame,
    ['  limit', '    1.5 cores', '      quota 150000 us', '      from ./cpu.max', '  usage', '    4.8 s'].join('\n'),
  )
})

test('a long value wraps inside its column, never under the key', () => {
  const frame = frameOf(
    <Box width={30}>
      <Rows block={rows('column', [{key: 'free', value: p`one two three four five six seven`}])} keyWidth={10} />
    </Box>,
  )
  // 2 + 10 columns in; Ink keeps the space it broke at when the line above is exactly full.
  for (const l of frame.split('\n').slice(1)) assert.match(l, /^ {12} ?\S/)
  for (const l of frame.split('\n')) assert.ok(l.length <= 30, l)
})

test.run()
