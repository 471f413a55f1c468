// A title in a rounded box across the terminal, the subtitle dimmed beside it.
import {Box, Text} from 'ink'
import {printable} from '../printable.js'

export function Title({text, sub, first = true}: {text: string; sub?: string; first?: boolean}) {
  return (
    <Box borderStyle="round" paddingX={1} marginTop={first ? 0 : 1} flexWrap="wrap">
      <Text bold>{printable(text)}</Text>
      {sub ? <Text dimColor>{`  ${printable(sub)}`}</Text> : null}
    </Box>
  )
}
