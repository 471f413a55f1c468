// Key/value rows on a terminal, in the same three layouts as the plain text (see RowsBlock): keys bold,
// values coloured by their tone, notes dimmed, the file each value came from in grey.
import {Box, Text} from 'ink'
import type {Row, RowsBlock, Tone} from '../blocks.js'
import {keyOnItsOwnLine} from '../layout.js'
import {printable} from '../printable.js'
import {inlineText, styled, type Style} from './Inline.js'
import {ONE_COLUMN} from './one-column.js'

const COLOUR: Record<Tone, Style['color']> = {
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
  const {tone, muted} = valueStyle(row)
  return (
    <Text color={tone.color} bold={tone.bold}>
      {inlineText(row.value, muted)}
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

const SGR = /\u001b\[[0-9;]*m/g

/**
 * A row that is one line and surely fits `width` columns (every character one column), as one styled Text:
 * the key bold, padded to its column, then the value as Value styles it. Ink draws the same cells as from the
 * boxes (src/doc/ink/Rows.test.tsx), with one yoga node instead of four; else null.
 */
function oneLine(row: Row, keyWidth: number, width: number | undefined): string | null {
  if (width === undefined || row.note || row.source) return null
  const key = printable(row.key)
  const {tone, muted} = valueStyle(row)
  const value = inlineText(row.value, muted)
  const plain = value.replace(SGR, '')
  if (key.length + 2 > keyWidth || keyWidth + plain.length > width) return null
  if (!ONE_COLUMN.test(key) || !ONE_COLUMN.test(plain)) return null
  return styled(key, {bold: true}) + ' '.repeat(keyWidth - key.length) + styled(value, tone)
}

function valueStyle(row: Row): {tone: Style; muted: boolean} {
  const tone = row.tone ?? 'normal'
  const bold = tone === 'good' || tone === 'bad'
  return {tone: {color: COLOUR[tone], bold}, muted: bold || tone === 'dim'}
}

function KeyedRow({row, keyWidth, width}: {row: Row; keyWidth: number; width?: number}) {
  const single = oneLine(row, keyWidth, width)
  if (single !== null) return <Text>{single}</Text>
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

/** `width`: the columns the rows are drawn in (their box's, with its 2 of indent), where the caller knows it. */
export function Rows({block, keyWidth, width}: {block: RowsBlock; keyWidth: number; width?: number}) {
  const inner = width === undefined ? undefined : width - 2
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {block.rows.map((r, i) =>
        block.layout === 'stacked' ? (
          <StackedRow key={i} row={r} />
        ) : (
          <KeyedRow key={i} row={r} keyWidth={keyWidth} width={inner} />
        ),
      )}
    </Box>
  )
}
