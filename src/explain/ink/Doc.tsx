// Ink rendering of explanation documents: commands cyan, warnings yellow, paths dim, numbers bold.
import {Box, Text} from 'ink'
import type {Block} from '../doc.js'
import {formatNumber, type Paragraph} from '../tokens.js'

function Tokens({tokens}: {tokens: Paragraph}) {
  return (
    <Text>
      {tokens.map((t, i) => {
        switch (t.t) {
          case 'command':
            return (
              <Text key={i} color="cyan">
                {t.text}
              </Text>
            )
          case 'warning':
            return (
              <Text key={i} color="yellow" bold>
                {t.text}
              </Text>
            )
          case 'path':
            return (
              <Text key={i} dimColor>
                {t.text}
              </Text>
            )
          case 'number':
            return (
              <Text key={i} bold>
                {formatNumber(t.value, t.unit)}
              </Text>
            )
          default:
            return <Text key={i}>{t.text}</Text>
        }
      })}
    </Text>
  )
}

function BlockView({block, keyWidth}: {block: Block; keyWidth: number}) {
  switch (block.b) {
    case 'title':
      return (
        <Box borderStyle="round" paddingX={1}>
          <Text bold>{block.text}</Text>
          {block.sub ? <Text dimColor>{`  ${block.sub}`}</Text> : null}
        </Box>
      )
    case 'heading':
      return (
        <Box marginTop={1}>
          <Text bold color="magenta">
            {block.text}
          </Text>
        </Box>
      )
    case 'para':
      return (
        <Box paddingLeft={2}>
          <Tokens tokens={block.tokens} />
        </Box>
      )
    case 'pair':
      return (
        <Box paddingLeft={2}>
          <Box width={keyWidth} flexShrink={0}>
            <Text bold>{block.key}</Text>
          </Box>
          <Box flexGrow={1}>
            <Tokens tokens={block.tokens} />
          </Box>
        </Box>
      )
    case 'bullet':
      return (
        <Box paddingLeft={2}>
          {/* A box of its own: a trailing space in a Text beside wrapped text is dropped ("•free"). */}
          <Box width={2} flexShrink={0}>
            <Text>•</Text>
          </Box>
          <Tokens tokens={block.tokens} />
        </Box>
      )
    case 'code':
      return (
        <Box flexDirection="column" paddingLeft={2} borderStyle="single" borderColor="gray">
          <Text color="cyan">{block.head}</Text>
          {block.lines.map((l, i) => (
            <Box key={i} flexDirection="column">
              <Text wrap="truncate-end">{l.text || ' '}</Text>
              {l.note ? (
                <Box paddingLeft={2}>
                  <Text color="yellow">{`^ ${l.note}`}</Text>
                </Box>
              ) : null}
            </Box>
          ))}
        </Box>
      )
  }
}

export function Doc({blocks, width}: {blocks: Block[]; width: number}) {
  const keyWidth = Math.min(26, Math.max(12, Math.floor(width / 3)))
  return (
    <Box flexDirection="column" width={width}>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} keyWidth={keyWidth} />
      ))}
    </Box>
  )
}
