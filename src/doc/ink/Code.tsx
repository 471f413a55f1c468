// A tool's real output in a grey frame, as it printed it (long lines cut, never wrapped: columns matter),
// each annotation in yellow under its line.
import {Box, Text} from 'ink'
import type {CodeBlock} from '../blocks.js'
import {printable} from '../printable.js'

export function Code({block}: {block: CodeBlock}) {
  return (
    <Box flexDirection="column" paddingLeft={2} borderStyle="single" borderColor="gray">
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
    </Box>
  )
}
