// A whole document on a terminal: each block by its component, in a column as wide as the terminal.
import {Box, Text} from 'ink'
import type {Block, Doc} from '../blocks.js'
import {columnKeyWidth, fitKeyWidths} from '../layout.js'
import {Code} from './Code.js'
import {Inline, inlineText, styled} from './Inline.js'
import {BLANK_LINE, columnOf, fits, indented, piece, type Piece} from './pieces.js'
import {rowsPieces} from './Rows.js'
import {Title} from './Title.js'

/**
 * A block as pieces of the document's column (./pieces.tsx): each line that surely fits `width` columns as text,
 * a run of them one Text; a title, code, and what may wrap as the boxes that draw it. A heading's margin above it
 * is a blank line of its text.
 */
function blockPieces(block: Block, first: boolean, keyWidth: {fit: number; column: number}, width: number): Piece[] {
  switch (block.b) {
    case 'title':
      return [{element: <Title text={block.text} sub={block.sub} first={first} />}]
    case 'heading': {
      const text = inlineText(block.text, true)
      const element = (
        <Box marginTop={1}>
          <Text bold color="magenta">
            {text}
          </Text>
        </Box>
      )
      const styledText = styled(text, {color: 'magenta', bold: true})
      return fits(styledText, width) ? [BLANK_LINE, {at: 0, text: styledText}] : [{element}]
    }
    case 'para':
      return [
        piece(2, inlineText(block.text), width, () => (
          <Box paddingLeft={2}>
            <Inline tokens={block.text} />
          </Box>
        )),
      ]
    case 'line':
      return [
        piece(0, inlineText(block.text), width, () => (
          <Box>
            <Inline tokens={block.text} />
          </Box>
        )),
      ]
    case 'bullets':
      return indented(
        block.items.map((item) =>
          piece(0, `• ${inlineText(item)}`, width - 2, () => (
            <Box>
              {/* A box of its own: a trailing space in a Text beside wrapped text is dropped ("•free"). */}
              <Box width={2} flexShrink={0}>
                <Text>•</Text>
              </Box>
              <Inline tokens={item} />
            </Box>
          )),
        ),
        2,
      )
    case 'rows':
      return rowsPieces(block, block.layout === 'fit' ? keyWidth.fit : keyWidth.column, width)
    case 'code':
      return [{element: <Code block={block} width={width} />}]
  }
}

export function DocView({doc, width}: {doc: Doc; width: number}) {
  const fit = fitKeyWidths(doc)
  const column = columnKeyWidth(width)
  return (
    <Box flexDirection="column" width={width}>
      {columnOf(doc.flatMap((b, i) => blockPieces(b, i === 0, {fit: fit[i]!, column}, width)))}
    </Box>
  )
}
