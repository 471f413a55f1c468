// Key/value rows on a terminal, in the same three layouts as the plain text (see RowsBlock): keys bold,
// values coloured by their tone, notes dimmed, the file each value came from in grey.
import {Box, Text} from 'ink'
import type {Row, RowsBlock, Tone} from '../blocks.js'
import {keyOnItsOwnLine} from '../layout.js'
import {printable} from '../printable.js'
import {inlineText} from './Inline.js'

const COLOUR: Record<Tone, string | undefined> = {
  normal: undefined,
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  dim: 'gray',
}

function Extra({row, indent}: {row: Row; indent: number}) {
  return (
    <>
      {row.note ? (
        <Box paddingLeft={indent}>
          <Text dimColor>{inlineText(row.note, true)}</Text>
        </Box>
      ) : null}
      {row.source ? (
        <Box paddingLeft={indent}>
          <Text color="gray">from {printable(row.source)}</Text>
        </Box>
      ) : null}
    </>
  )
}

function Value({row}: {row: Row}) {
  const tone = row.tone ?? 'normal'
  const bold = tone === 'good' || tone === 'bad'
  return (
    <Text color={COLOUR[tone]} bold={bold}>
      {inlineText(row.value, bold || tone === 'dim')}
    </Text>
  )
}

function StackedRow({row}: {row: Row}) {
  return (
    <Box flexDirection="column">
      <Text bold color={COLOUR[row.tone ?? 'normal']}>
        {printable(row.key)}
      </Text>
      <Box paddingLeft={2}>
        <Value row={row} />
      </Box>
      <Extra row={row} indent={4} />
    </Box>
  )
}

function KeyedRow({row, keyWidth}: {row: Row; keyWidth: number}) {
  const ownLine = keyOnItsOwnLine(row.key, keyWidth)
  const line = (
    <Box>
      <Box width={keyWidth} flexShrink={0}>
        <Text bold>{ownLine ? '' : printable(row.key)}</Text>
      </Box>
      <Value row={row} />
    </Box>
  )
  // Every box is a yoga node to lay out, a large part of drawing a frame. The value's Text shrinks to what the key
  // leaves and wraps there, as a growing box around it did; and most rows are that one line, where a column
  // around it alone lays out the same (every screen on every fixture, in colour at 60, 80 and 120 columns:
  // byte for byte the same frames).
  if (!ownLine && !row.note && !row.source) return line
  return (
    <Box flexDirection="column">
      {ownLine ? <Text bold>{printable(row.key)}</Text> : null}
      {line}
      <Extra row={row} indent={keyWidth + 2} />
    </Box>
  )
}

export function Rows({block, keyWidth}: {block: RowsBlock; keyWidth: number}) {
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {block.rows.map((r, i) =>
        block.layout === 'stacked' ? <StackedRow key={i} row={r} /> : <KeyedRow key={i} row={r} keyWidth={keyWidth} />,
      )}
    </Box>
  )
}
