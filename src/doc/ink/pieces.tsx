// A document on a terminal as a column of pieces: a line of styled text at a column where it surely fits, or
// the element (boxes) that draws what may not. Every box and Text is a yoga node to create, style, lay out and
// draw, most of drawing a frame; a run of lines is one Text. Its cells are the boxes' (each space a blank
// cell), so its bytes too: src/doc/ink/Rows.test.tsx and DocView.test.tsx compare the two.
import {Box, Text} from 'ink'
import {cloneElement, type ReactElement, type ReactNode} from 'react'
import {ONE_COLUMN} from './one-column.js'

export type Piece = {at: number; text: string} | {element: ReactElement}

const SGR = /\u001b\[[0-9;]*m/g

/**
 * `text` (styled) is one line, not empty, that surely fits `columns` (every character one column): Ink will not
 * wrap it. (An empty Text may be a line of no height, where a line of spaces is one.)
 */
export function fits(text: string, columns: number): boolean {
  const plain = text.replace(SGR, '')
  return plain.length > 0 && plain.length <= columns && ONE_COLUMN.test(plain)
}

/** `text` at column `at` as a line where it surely fits `width` columns, else the element that draws it. */
export function piece(at: number, text: string, width: number, element: () => ReactElement): Piece {
  return fits(text, width - at) ? {at, text} : {element: element()}
}

/** An empty line, as a margin of 1 above a line: only where a line of text follows it in the same run. */
export const BLANK_LINE: Piece = {at: 0, text: ''}

/**
 * The pieces of an inner column `by` columns in: its lines before its first element and after its last are lines of
 * the outer column; from its first element to its last, one box with that padding, as they were.
 */
export function indented(pieces: Piece[], by: number): Piece[] {
  const isLine = (p: Piece) => 'at' in p
  const first = pieces.findIndex((p) => !isLine(p))
  const shift = (lines: Piece[]) => lines.map((p) => ('at' in p ? {at: p.at + by, text: p.text} : p))
  if (first < 0) return shift(pieces)
  const end = pieces.length - [...pieces].reverse().findIndex((p) => !isLine(p))
  const box = (
    <Box flexDirection="column" paddingLeft={by}>
      {columnOf(pieces.slice(first, end))}
    </Box>
  )
  return [...shift(pieces.slice(0, first)), {element: box}, ...shift(pieces.slice(end))]
}

/** The pieces as the children of a column (a column in a column lays out the same): a run of lines one Text. */
export function columnOf(pieces: Piece[]): ReactNode[] {
  const children: ReactNode[] = []
  let lines: string[] = []
  const endLines = () => {
    if (lines.length > 0) children.push(<Text key={children.length}>{lines.join('\n')}</Text>)
    lines = []
  }
  for (const p of pieces)
    if ('at' in p) lines.push(' '.repeat(p.at) + p.text)
    else {
      endLines()
      children.push(cloneElement(p.element, {key: children.length}))
    }
  endLines()
  return children
}
