// A tool's real output in a grey frame, as it printed it (long lines cut, never wrapped: columns matter),
// each annotation in yellow under its line.
import {Box, Text} from 'ink'
import type {CodeBlock} from '../blocks.js'
import {printable} from '../printable.js'
import {styled} from './Inline.js'
import {columnOf, piece, type Piece} from './pieces.js'

/**
 * `width`: the frame's, where the caller knows it. Then each line that surely fits inside the frame (its border
 * and 2 columns of padding) is text, a run of them one Text (./pieces.tsx); else its Text cuts it.
 */
export function Code({block, width}: {block: CodeBlock; width?: number}) {
  return (
    <Box flexDirection="column" paddingLeft={2} borderStyle="single" borderColor="gray">
      {width === undefined ? <CodeLines block={block} /> : columnOf(codePieces(block, width - 4))}
    </Box>
  )
}

function CodeLines({block}: {block: CodeBlock}) {
  return (
    <>
      <Text color="cyan">{printable(block.head)}</Text>
      {block.lines.map((l, i) => (
        <Box key={i} flexDirection="column">
          <Text wrap="truncate-end">{printable(l.text) || ' '}</Text>
          {l.note ? (
            <Box paddingLeft={2}>
              <Text color="yellow">{`^ ${printable(l.note)}`}</Text>
            </Box>
          ) : null}
        </Box>
      ))}
    </>
  )
}

function codePieces(block: CodeBlock, width: number): Piece[] {
  const head = printable(block.head)
  const pieces = [piece(0, styled(head, {color: 'cyan'}), width, () => <Text color="cyan">{head}</Text>)]
  for (const l of block.lines) {
    const text = printable(l.text) || ' '
    pieces.push(piece(0, text, width, () => <Text wrap="truncate-end">{text}</Text>))
    if (!l.note) continue
    const note = `^ ${printable(l.note)}`
    pieces.push(
      piece(2, styled(note, {color: 'yellow'}), width, () => (
        <Box paddingLeft={2}>
          <Text color="yellow">{note}</Text>
        </Box>
      )),
    )
  }
  return pieces
}
