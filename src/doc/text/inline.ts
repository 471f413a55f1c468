// Plain text of tokens: commands in backticks, warnings marked "(!)", values formatted by src/units.
import {format, ratio} from '../../units/units.js'
import {BAR_CELLS, barCells} from '../layout.js'
import {printable} from '../printable.js'
import type {Token} from '../tokens.js'

export function tokenText(tok: Token): string {
  switch (tok.t) {
    case 'text':
    case 'path':
      return printable(tok.text)
    case 'command':
      return `\`${printable(tok.text)}\``
    case 'warning':
      return `(!) ${printable(tok.text)}`
    case 'number':
      return format(tok.value, tok.unit)
    case 'pair':
      return `${inlineText(tok.owned)} yours, ${inlineText(tok.host)} on the host`
    case 'list':
      return tok.items.map(inlineText).join(', ')
    case 'bar': {
      const cells = barCells(tok.fraction)
      const drawn = cells ? `${'#'.repeat(cells.filled)}${'.'.repeat(cells.empty)}` : '?'.repeat(BAR_CELLS)
      const label = tok.label.length > 0 ? inlineText(tok.label) : ratio(tok.fraction)
      return `[${drawn}] ${label}`
    }
  }
}

export function inlineText(tokens: readonly Token[]): string {
  return tokens.map(tokenText).join('')
}
