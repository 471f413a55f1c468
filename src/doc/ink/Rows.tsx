// Key/value rows on a terminal, in the same three layouts as the plain text (see RowsBlock): keys bold,
// values coloured by their tone, notes dimmed, the file each value came from in grey.
import {Box, Text} from 'ink'
import {cloneElement, type ReactElement, type ReactNode} from 'react'
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

const SGR = /\u001b\[[0-9;]*m/g

/**
 * `text` (styled) is one line, not empty, that surely fits `columns` (every character one column): Ink will not
 * wrap it. (An empty Text may be a line of no height, where a line of spaces is one.)
 */
function fits(text: string, columns: number): boolean {
  const plain = text.replace(SGR, '')
  return plain.length > 0 && plain.length <= columns && ONE_COLUMN.test(plain)
}

/** One line of a row's: its text from column `at`, where it surely fits; else the element that draws it. */
type Piece = {at: number; text: string} | {element: ReactElement}

/**
 * A row as the pieces the boxes above stack in a column (its key, its value, its note, its source), each one a line
 * of text where that surely fits `width` columns, else its own element (which wraps it as the boxes do).
 */
function rowPieces(row: Row, layout: RowsBlock['layout'], keyWidth: number, width: number): Piece[] {
  const pieces: Piece[] = []
  const piece = (at: number, text: string, element: () => ReactElement) =>
    pieces.push(fits(text, width - at) ? {at, text} : {element: element()})
  const key = printable(row.key)
  const {tone, muted} = valueStyle(row)
  const value = styled(inlineText(row.value, muted), tone)
  const stacked = layout === 'stacked'
  if (stacked) {
    piece(0, styled(key, {bold: true, color: COLOUR[row.tone ?? 'normal']}), () => (
      <Text bold color={COLOUR[row.tone ?? 'normal']}>
        {key}
      </Text>
    ))
    piece(2, value, () => (
      <Box paddingLeft={2}>
        <Value row={row} />
      </Box>
    ))
  } else {
    const element = () => <KeyAndValue row={row} keyWidth={keyWidth} />
    if (keyOnItsOwnLine(row.key, keyWidth)) {
      piece(0, styled(key, {bold: true}), () => <Text bold>{key}</Text>)
      piece(keyWidth, value, element)
    } else if (ONE_COLUMN.test(key) && fits(value, width)) {
      piece(0, styled(key, {bold: true}) + ' '.repeat(keyWidth - key.length) + value, element)
    } else pieces.push({element: element()})
  }
  const indent = stacked ? 4 : keyWidth + 2
  if (row.note)
    piece(indent, styled(noteText(row), {dim: true}), () => (
      <Box paddingLeft={indent}>
        <Text dimColor>{noteText(row)}</Text>
      </Box>
    ))
  if (row.source)
    piece(indent, styled(sourceText(row), {color: 'gray'}), () => (
      <Box paddingLeft={indent}>
        <Text color="gray">{sourceText(row)}</Text>
      </Box>
    ))
  return pieces
}

/**
 * `width`: the columns the rows are drawn in (their box's, with its 2 of indent), where the caller knows it. Then
 * the rows' pieces stack in the rows' own column (a column in a column lays out the same), and each run of lines
 * that surely fit is one Text: a yoga node where each row was up to nine (every box and Text is a node to create,
 * style, lay out and draw). Their cells are the boxes' (each space a blank cell), so their bytes too
 * (src/doc/ink/Rows.test.tsx compares the two at every width from 20 to 70).
 */
export function Rows({block, keyWidth, width}: {block: RowsBlock; keyWidth: number; width?: number}) {
  if (width === undefined)
    return (
      <Box flexDirection="column" paddingLeft={2}>
        {block.rows.map((r, i) =>
          block.layout === 'stacked' ? (
            <StackedRow key={i} row={r} />
          ) : (
            <KeyedRow key={i} row={r} keyWidth={keyWidth} />
          ),
        )}
      </Box>
    )
  const children: ReactNode[] = []
  let lines: string[] = []
  const endLines = () => {
    if (lines.length > 0) children.push(<Text key={children.length}>{lines.join('\n')}</Text>)
    lines = []
  }
  for (const r of block.rows)
    for (const p of rowPieces(r, block.layout, keyWidth, width - 2)) {
      if ('at' in p) lines.push(' '.repeat(p.at) + p.text)
      else {
        endLines()
        children.push(cloneElement(p.element, {key: children.length}))
      }
    }
  endLines()
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {children}
    </Box>
  )
}
