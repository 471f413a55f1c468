// Key/value rows on a terminal, in the same three layouts as the plain text (see RowsBlock): keys bold,
// values coloured by their tone, notes dimmed, the file each value came from in grey.
import {Box, Text} from 'ink'
import type {ReactElement} from 'react'
import type {Row, RowsBlock, Tone} from '../blocks.js'
import {keyOnItsOwnLine} from '../layout.js'
import {printable} from '../printable.js'
import {inlineText, styled, type Style} from './Inline.js'
import {ONE_COLUMN} from './one-column.js'
import {columnOf, fits, indented, piece, type Piece} from './pieces.js'

const COLOUR: Record<Tone, Style['color']> = {
  normal: undefined,
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  dim: 'gray',
}

function valueStyle(row: Row): {tone: Style; muted: boolean} {
  const tone = row.tone ?? 'normal'
  const bold = tone === 'good' || tone === 'bad'
  return {tone: {color: COLOUR[tone], bold}, muted: bold || tone === 'dim'}
}

const noteText = (row: Row) => inlineText(row.note ?? [], true)
const sourceText = (row: Row) => `from ${printable(row.source ?? '')}`

function Extra({row, indent}: {row: Row; indent: number}) {
  return (
    <>
      {row.note ? (
        <Box paddingLeft={indent}>
          <Text dimColor>{noteText(row)}</Text>
        </Box>
      ) : null}
      {row.source ? (
        <Box paddingLeft={indent}>
          <Text color="gray">{sourceText(row)}</Text>
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

/** The key's column and the value beside it (the key left out where it has a line of its own). */
function KeyAndValue({row, keyWidth}: {row: Row; keyWidth: number}) {
  return (
    <Box>
      <Box width={keyWidth} flexShrink={0}>
        <Text bold>{keyOnItsOwnLine(row.key, keyWidth) ? '' : printable(row.key)}</Text>
      </Box>
      <Value row={row} />
    </Box>
  )
}

// A row as boxes: what Rows draws where it is not told its width, and what its lines must match.
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
  if (!ownLine && !row.note && !row.source) return <KeyAndValue row={row} keyWidth={keyWidth} />
  return (
    <Box flexDirection="column">
      {ownLine ? <Text bold>{printable(row.key)}</Text> : null}
      <KeyAndValue row={row} keyWidth={keyWidth} />
      <Extra row={row} indent={keyWidth + 2} />
    </Box>
  )
}

/**
 * A row as the pieces the boxes above stack in a column (its key, its value, its note, its source), each one a line
 * of text where that surely fits `width` columns, else its own element (which wraps it as the boxes do).
 */
function rowPieces(row: Row, layout: RowsBlock['layout'], keyWidth: number, width: number): Piece[] {
  const pieces: Piece[] = []
  const add = (at: number, text: string, element: () => ReactElement) => pieces.push(piece(at, text, width, element))
  const key = printable(row.key)
  const {tone, muted} = valueStyle(row)
  const value = styled(inlineText(row.value, muted), tone)
  const stacked = layout === 'stacked'
  if (stacked) {
    add(0, styled(key, {bold: true, color: COLOUR[row.tone ?? 'normal']}), () => (
      <Text bold color={COLOUR[row.tone ?? 'normal']}>
        {key}
      </Text>
    ))
    add(2, value, () => (
      <Box paddingLeft={2}>
        <Value row={row} />
      </Box>
    ))
  } else {
    const element = () => <KeyAndValue row={row} keyWidth={keyWidth} />
    if (keyOnItsOwnLine(row.key, keyWidth)) {
      add(0, styled(key, {bold: true}), () => <Text bold>{key}</Text>)
      add(keyWidth, value, element)
    } else if (ONE_COLUMN.test(key) && fits(value, width)) {
      add(0, styled(key, {bold: true}) + ' '.repeat(keyWidth - key.length) + value, element)
    } else pieces.push({element: element()})
  }
  const indent = stacked ? 4 : keyWidth + 2
  if (row.note)
    add(indent, styled(noteText(row), {dim: true}), () => (
      <Box paddingLeft={indent}>
        <Text dimColor>{noteText(row)}</Text>
      </Box>
    ))
  if (row.source)
    add(indent, styled(sourceText(row), {color: 'gray'}), () => (
      <Box paddingLeft={indent}>
        <Text color="gray">{sourceText(row)}</Text>
      </Box>
    ))
  return pieces
}

/** The rows as pieces of a column `width` wide: in their box's 2 columns of indent. */
export function rowsPieces(block: RowsBlock, keyWidth: number, width: number): Piece[] {
  return indented(
    block.rows.flatMap((r) => rowPieces(r, block.layout, keyWidth, width - 2)),
    2,
  )
}

/**
 * `width`: the columns the rows are drawn in (their box's, with its 2 of indent), where the caller knows it: then
 * as pieces (./pieces.tsx), each line of a row that surely fits as text, each run of them one Text; else as boxes.
 */
export function Rows({block, keyWidth, width}: {block: RowsBlock; keyWidth: number; width?: number}) {
  if (width !== undefined) return <Box flexDirection="column">{columnOf(rowsPieces(block, keyWidth, width))}</Box>
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {block.rows.map((r, i) =>
        block.layout === 'stacked' ? <StackedRow key={i} row={r} /> : <KeyedRow key={i} row={r} keyWidth={keyWidth} />,
      )}
    </Box>
  )
}
