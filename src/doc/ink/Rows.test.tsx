import chalk from 'chalk'
import {Box, Text, renderToString} from 'ink'
import {Children, type ReactElement, type ReactNode} from 'react'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {rows, type Row} from '../blocks.js'
import {cmd, num, p, path, warn} from '../tokens.js'
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

// Given its width, Rows draws a run of rows whose every line surely fits as one Text of those lines (one yoga node
// where each row was up to nine); without it, with boxes. Both must give the same bytes, escape codes and all,
// fitting or not, in each layout.
test('rows as lines of one Text: the same bytes as the boxes, at every width from 20 to 70, in colour', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    const many: Row[] = [
      {key: 'limit', value: [num(1.5, 'cores')], tone: 'good'},
      {key: 'usage', value: p`${num(4.8, 'seconds')} of ${cmd('top')}`, tone: 'dim'},
      {key: 'throttled', value: p`${warn('yes')}: ${path('/sys/fs/cgroup/cpu.stat')} says so`, tone: 'bad'},
      {key: 'working set', value: p`216 MiB ╭─╮ × µ Δ`, tone: 'warn'},
      {key: 'wide', value: p`漢字 and more text that wraps`},
      {key: 'a key far too long for its column', value: p`x`},
      {key: 'note', value: p`y`, note: p`under it, ${num(100, 'count')} ${path('/x')}`},
      {key: 'source', value: p`z`, source: './memory.max', tone: 'warn'},
      {key: 'both', value: [num(2, 'count')], note: p`a note long enough to wrap at the narrow widths`, source: './a'},
      {key: 'a long key with all', value: p`v`, note: p`n`, source: '/sys/fs/cgroup/cpu.stat'},
      {key: 'wide note', value: p`v`, note: p`漢字`},
      {key: 'empty', value: []},
      {key: '', value: p`no key`, note: []},
    ]
    for (const layout of ['fit', 'stacked'] as const)
      for (let width = 20; width <= 70; width++) {
        const draw = (w?: number) =>
          renderToString(
            <Box width={width}>
              <Rows block={rows(layout, many)} keyWidth={13} width={w} />
            </Box>,
            {columns: width},
          )
        assert.is(draw(width), draw(), `${layout}, width ${width}`)
      }
  } finally {
    chalk.level = level
  }
})

test('rows as lines: a run of lines that fit is one Text; a line that does not, its boxes between two runs', () => {
  const block = rows('fit', [
    {key: 'a', value: p`1`, note: p`n`},
    {key: 'b', value: p`2`, source: './s'},
    {key: 'c', value: p`a value too long for forty columns, that wraps`},
    {key: 'd', value: p`4`},
  ])
  // What Rows draws: its lines (one Text per run) and its boxes, by name.
  const kinds = (width?: number): string[] =>
    Children.toArray((Rows({block, keyWidth: 6, width}).props as {children: ReactNode}).children).flatMap((c) => {
      const {type, props} = c as ReactElement<{children: ReactNode}>
      if (type === Text) return [`Text ${(props.children as string).split('\n').length}`]
      if (type === Box) return kinds_(props.children)
      return [(type as {name: string}).name]
    })
  const kinds_ = (children: ReactNode): string[] =>
    Children.toArray(children).flatMap((c) => {
      const {type, props} = c as ReactElement<{children: ReactNode}>
      return type === Box ? kinds_(props.children) : [(type as {name: string}).name]
    })
  assert.equal(kinds(40), ['Text 4', 'KeyAndValue', 'Text 1'])
  assert.equal(kinds(80), ['Text 6'])
  assert.equal(kinds(), ['KeyedRow', 'KeyedRow', 'KeyedRow', 'KeyedRow'])
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

test('in colour, a note stays dim to its end: a value in it is not bold (the code ending bold ends dim too)', () => {
  const level = chalk.level
  chalk.level = 1 // Ink's own chalk: the test runner turns colour off
  try {
    const note = p`as v2 cpu.weight: ${num(100, 'count')} (2025 runtimes)`
    const out = renderToString(
      <Rows block={rows('fit', [{key: 'k', value: [num(1, 'count')], note}])} keyWidth={4} />,
      {
        columns: 80,
      },
    )
    assert.match(out.split('\n')[1]!, /\u001b\[2mas v2 cpu\.weight: 100 \(2025 runtimes\)\u001b\[22m$/)
    assert.match(out.split('\n')[0]!, /\u001b\[1m1\u001b\[22m/, 'a value on its own is bold')
  } finally {
    chalk.level = level
  }
})

test.run()
