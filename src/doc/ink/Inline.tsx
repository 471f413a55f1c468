// Tokens on a terminal: commands cyan, warnings yellow and bold, paths dim, values bold, a host-vs-owned
// pair with the owned value green and the host's yellow, a bar in block characters. Inside text that is
// already dim or bold (a note, a heading) tokens are "muted": no bold or dim of their own, because the
// terminal's code that ends bold (SGR 22) also ends dim, and the rest of the line would lose its style.
import chalk from 'chalk'
import {Text} from 'ink'
import {format, ratio} from '../../units/units.js'
import {BAR_CELLS, barCells} from '../layout.js'
import {printable} from '../printable.js'
import type {Token} from '../tokens.js'

/** A style as Ink's Text applies it (ink/build/components/Text.js): dim, then the colour, then bold. */
export type Style = {color?: 'cyan' | 'yellow' | 'green' | 'red' | 'gray' | 'magenta'; bold?: boolean; dim?: boolean}

export function styled(text: string, {color, bold, dim}: Style): string {
  let s = text
  if (dim) s = chalk.dim(s)
  if (color) s = chalk[color](s)
  if (bold) s = chalk.bold(s)
  return s
}

function tokenText(token: Token, muted: boolean): string {
  switch (token.t) {
    case 'text':
      return printable(token.text)
    case 'command':
      return styled(printable(token.text), {color: 'cyan'})
    case 'warning':
      return styled(printable(token.text), {color: 'yellow', bold: !muted})
    case 'path':
      return styled(printable(token.text), {dim: !muted})
    case 'number':
      return styled(format(token.value, token.unit), {bold: !muted})
    case 'pair':
      return (
        styled(inlineText(token.owned, true), {color: 'green', bold: !muted}) +
        styled(' yours, ', {dim: !muted}) +
        styled(inlineText(token.host, muted), {color: 'yellow'}) +
        styled(' on the host', {dim: !muted})
      )
    case 'list':
      return token.items.map((item, i) => (i > 0 ? ', ' : '') + inlineText(item, muted)).join('')
    case 'bar': {
      const cells = barCells(token.fraction)
      const bar = cells
        ? styled('█'.repeat(cells.filled), {
            color: token.fraction !== null && token.fraction >= 0.9 ? 'red' : 'green',
          }) + styled('░'.repeat(cells.empty), {dim: !muted})
        : styled('?'.repeat(BAR_CELLS), {dim: !muted})
      return bar + ' ' + (token.label.length > 0 ? inlineText(token.label, muted) : ratio(token.fraction))
    }
  }
}

/** The tokens as one styled string: inside a styled Text (a row's value, a note, a heading), as its child. */
export function inlineText(tokens: readonly Token[], muted = false): string {
  return tokens.map((t) => tokenText(t, muted)).join('')
}

export function Inline({tokens, muted = false}: {tokens: readonly Token[]; muted?: boolean}) {
  return <Text>{inlineText(tokens, muted)}</Text>
}
