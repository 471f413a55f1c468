// Tokens on a terminal: commands cyan, warnings yellow and bold, paths dim, values bold, a host-vs-owned
// pair with the owned value green and the host's yellow, a bar in block characters.
import {Text} from 'ink'
import {format, ratio} from '../../units/units.js'
import {BAR_CELLS, barCells} from '../layout.js'
import {printable} from '../printable.js'
import type {Token} from '../tokens.js'

function TokenView({token}: {token: Token}) {
  switch (token.t) {
    case 'text':
      return <Text>{printable(token.text)}</Text>
    case 'command':
      return <Text color="cyan">{printable(token.text)}</Text>
    case 'warning':
      return (
        <Text color="yellow" bold>
          {printable(token.text)}
        </Text>
      )
    case 'path':
      return <Text dimColor>{printable(token.text)}</Text>
    case 'number':
      return <Text bold>{format(token.value, token.unit)}</Text>
    case 'pair':
      return (
        <Text>
          <Text color="green" bold>
            <Inline tokens={token.owned} />
          </Text>
          <Text dimColor> yours, </Text>
          <Text color="yellow">
            <Inline tokens={token.host} />
          </Text>
          <Text dimColor> on the host</Text>
        </Text>
      )
    case 'list':
      return (
        <Text>
          {token.items.map((item, i) => (
            <Text key={i}>
              {i > 0 ? ', ' : ''}
              <Inline tokens={item} />
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
              <Text dimColor>{'░'.repeat(cells.empty)}</Text>
            </Text>
          ) : (
            <Text dimColor>{'?'.repeat(BAR_CELLS)}</Text>
          )}{' '}
          {token.label.length > 0 ? <Inline tokens={token.label} /> : ratio(token.fraction)}
        </Text>
      )
    }
  }
}

export function Inline({tokens}: {tokens: readonly Token[]}) {
  return (
    <Text>
      {tokens.map((t, i) => (
        <TokenView key={i} token={t} />
      ))}
    </Text>
  )
}
