import chalk from 'chalk'
import {renderToString, Text} from 'ink'
import type {ReactNode} from 'react'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {format} from '../../units/units.js'
import {bar, cmd, list, num, p, pair, path, warn, type Token} from '../tokens.js'
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

// Inline styles its tokens itself, as one string (a Text element per token was most of React's work in a
// frame): the escape codes must be those Ink made from the nested Text elements it replaced, kept here.
function Nested({tokens, muted = false}: {tokens: readonly Token[]; muted?: boolean}): ReactNode {
  return (
    <Text>
      {tokens.map((t, i) => {
        switch (t.t) {
          case 'text':
            return <Text key={i}>{t.text}</Text>
          case 'command':
            return (
              <Text key={i} color="cyan">
                {t.text}
              </Text>
            )
          case 'warning':
            return (
              <Text key={i} color="yellow" bold={!muted}>
                {t.text}
              </Text>
            )
          case 'path':
            return (
              <Text key={i} dimColor={!muted}>
                {t.text}
              </Text>
            )
          case 'number':
            return (
              <Text key={i} bold={!muted}>
                {format(t.value, t.unit)}
              </Text>
            )
          case 'pair':
            return (
              <Text key={i}>
                <Text color="green" bold={!muted}>
                  <Nested tokens={t.owned} muted />
                </Text>
                <Text dimColor={!muted}> yours, </Text>
                <Text color="yellow">
                  <Nested tokens={t.host} muted={muted} />
                </Text>
                <Text dimColor={!muted}> on the host</Text>
              </Text>
            )
          case 'list':
            return (
              <Text key={i}>
                {t.items.map((item, j) => (
                  <Text key={j}>
                    {j > 0 ? ', ' : ''}
                    <Nested tokens={item} muted={muted} />
                  </Text>
                ))}
              </Text>
            )
          case 'bar':
            return null
        }
      })}
    </Text>
  )
}

test('styles: the escape codes Ink made of nested Text elements, plain and muted, inside a styled Text', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    const tokens: Token[] = [
      ...p`${warn('HOST-WIDE')}: run ${cmd('guestview owns')} on ${path('/sys')}, ${num(2, 'cores')}; `,
      pair([num(1024 ** 3, 'bytes')], [num(64 * 1024 ** 3, 'bytes')]),
      ...p`; `,
      list(['a', [path('/b')], [num(3, 'cores')]]),
    ]
    for (const muted of [false, true]) {
      const ours = renderToString(
        <Text color="red" bold>
          <Inline tokens={tokens} muted={muted} />
        </Text>,
      )
      const ink = renderToString(
        <Text color="red" bold>
          <Nested tokens={tokens} muted={muted} />
        </Text>,
      )
      assert.match(ours, /\u001b\[/)
      assert.is(ours, ink, `muted: ${muted}`)
    }
  } finally {
    chalk.level = level
  }
})

test('styles: a bar as Ink drew it from nested Text elements', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    const ink = renderToString(
      <Text>
        <Text>
          <Text color="red">{'█'.repeat(10)}</Text>
          <Text dimColor>{''}</Text>
        </Text>{' '}
        <Text>
          <Text>full</Text>
        </Text>
      </Text>,
    )
    assert.is(renderToString(<Inline tokens={[bar(0.95, p`full`)]} />), ink)
  } finally {
    chalk.level = level
  }
})

test.run()
