// Tokens on a terminal: commands cyan, warnings yellow and bold, paths dim, values bold, a host-vs-owned
// pair with the owned value green and the host's yellow, a bar in block characters. Inside text that is
// already dim or bold (a note, a heading) tokens are "muted": no bold or dim of their own, because the
// terminal's code that ends bold (SGR 22) also ends dim, and the rest of the line would lose its style.
import {Text} from 'ink'
import {format, ratio} from '../../units/units.js'
import {BAR_CELLS, barCells} from '../layout.js'
import {printable} from '../printable.js'
import type {Token} from '../tokens.js'

function TokenView({token, muted}: {token: Token; muted: boolean}) {
  switch (token.t) {
    case 'text':
      return <Text>{printable(token.text)}</Text>
    case 'command':
      return <Text color="cyan">{printable(token.text)}</Text>
    case 'warning':
      return (
        <Text color="yellow" bold={!muted}>
          {printable(token.text)}
        </Text>
      )
    case 'path':
      return <Text dimColor={!muted}>{printable(token.text)}</Text>
    case 'number':
      return <Text bold={!muted}>{format(token.value, token.unit)}</Text>
    case 'pair':
      return (
        <Text>
          <Text color="green" bold={!muted}>
            <Inline tokens={token.owned} muted />
          </Text>
          <Text dimColor={!muted}> yours, </Text>
          <Text color="yellow">
            <Inline tokens={token.host} muted={muted} />
          </Text>
          <Text dimColor={!muted}> on the host</Text>
        </Text>
      )
    case 'list':
      return (
        <Text>
          {token.items.map((item, i) => (
            <Text key={i}>
              {i > 0 ? ', ' : ''}
              <Inline tokens={item} muted={muted} />
            </Text>
          ))}
        </Text>
      )
    case 'bar': {
      const cells = barCells(token.fraction)
      return (
        <Text>
          {cells ? (
            <Text>
              <Text color={token.fraction !== null && token.fraction >= 0.9 ? 'red' : 'green'}>
                {'█'.repeat(cells.filled)}
              </Text>
              <Text dimColor={!muted}>{'░'.repeat(cells.empty)}</Text>
            </Text>
          ) : (
            <Text dimColor={!muted}>{'?'.repeat(BAR_CELLS)}</Text>
          )}{' '}
          {token.label.length > 0 ? <Inline tokens={token.label} muted={muted} /> : ratio(token.fraction)}
        </Text>
      )
    }
  }
}

export function Inline({tokens, muted = false}: {tokens: readonly Token[]; muted?: boolean}) {
  return (
    <Text>
      {tokens.map((t, i) => (
        <TokenView key={i} token={t} muted={muted} />
      ))}
    </Text>
  )
}
