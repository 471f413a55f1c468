// A whole document on a terminal: each block by its component, in a column as wide as the terminal.
import {Box, Text} from 'ink'
import type {Block, Doc} from '../blocks.js'
import {columnKeyWidth, fitKeyWidths} from '../layout.js'
import {Code} from './Code.js'
import {Inline, inlineText} from './Inline.js'
import {Rows} from './Rows.js'
import {Title} from './Title.js'

type Props = {block: Block; first: boolean; keyWidth: {fit: number; column: number}; width: number}

function BlockView({block, first, keyWidth, width}: Props) {
  switch (block.b) {
    case 'title':
      return <Title text={block.text} sub={block.sub} first={first} />
    case 'heading':
      return (
        <Box marginTop={1}>
          <Text bold color="magenta">
            {inlineText(block.text, true)}
          </Text>
        </Box>
      )
    case 'para':
      return (
        <Box paddingLeft={2}>
          <Inline tokens={block.text} />
        </Box>
      )
    case 'line':
      return (
        <Box>
          <Inline tokens={block.text} />
        </Box>
      )
    case 'bullets':
      return (
        <Box flexDirection="column" paddingLeft={2}>
          {block.items.map((item, i) => (
            <Box key={i}>
              {/* A box of its own: a trailing space in a Text beside wrapped text is dropped ("•free"). */}
              <Box width={2} flexShrink={0}>
                <Text>•</Text>
              </Box>
              <Inline tokens={item} />
            </Box>
          ))}
        </Box>
      )
    case 'rows':
      return <Rows block={block} keyWidth={block.layout === 'fit' ? keyWidth.fit : keyWidth.column} width={width} />
    case 'code':
      return <Code block={block} />
  }
}

export function DocView({doc, width}: {doc: Doc; width: number}) {
  const fit = fitKeyWidths(doc)
  const column = columnKeyWidth(width)
  return (
    <Box flexDirection="column" width={width}>
      {doc.map((b, i) => (
        <BlockView key={i} block={b} first={i === 0} keyWidth={{fit: fit[i]!, column}} width={width} />
      ))}
    </Box>
  )
}
