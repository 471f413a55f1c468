// Explanations are written once, as tokens, and rendered three ways: Ink components, plain text, JSON.
// A paragraph is a list of tokens; the `p` tagged template builds one from a sentence with values in it:
//   p`free reads ${path('/proc/meminfo')}: ${num(limitBytes, 'bytes')} is your limit`
import * as f from '../render/format.js'

export type Unit = 'bytes' | 'cores' | 'count' | 'seconds' | 'percent' | 'load' | 'plain'
export type Token =
  | {t: 'text'; text: string}
  | {t: 'command'; text: string}
  | {t: 'number'; value: number | null; unit: Unit}
  | {t: 'path'; text: string}
  | {t: 'warning'; text: string}
export type Paragraph = Token[]

export const text = (s: string): Token => ({t: 'text', text: s})
export const cmd = (s: string): Token => ({t: 'command', text: s})
export const path = (s: string): Token => ({t: 'path', text: s})
export const warn = (s: string): Token => ({t: 'warning', text: s})
export const num = (value: number | null | undefined, unit: Unit = 'plain'): Token => ({
  t: 'number',
  value: value === undefined || value === null || !Number.isFinite(value) ? null : value,
  unit,
})

/** Tagged template: strings become text tokens, Tokens and Paragraphs stay, other values become text. */
export function p(
  strings: TemplateStringsArray,
  ...values: (Token | Paragraph | string | number | null | undefined)[]
): Paragraph {
  const out: Paragraph = []
  strings.forEach((s, i) => {
    if (s) out.push(text(s))
    if (i < values.length) {
      const v = values[i]
      if (Array.isArray(v)) out.push(...v)
      else if (v !== null && typeof v === 'object' && 't' in v) out.push(v)
      else out.push(text(v === null || v === undefined ? 'unknown' : String(v)))
    }
  })
  return out
}

export function formatNumber(v: number | null, unit: Unit): string {
  if (v === null) return 'unknown'
  switch (unit) {
    case 'bytes':
      return f.bytes(v)
    case 'cores':
      return f.cores(v)
    case 'seconds':
      return f.seconds(v)
    case 'percent':
      return `${f.trim(v, 1)}%`
    case 'load':
      return v.toFixed(2)
    default:
      return f.trim(v, 3)
  }
}

/** Plain rendering of one token: commands in backticks, warnings marked, numbers formatted. */
export function tokenText(tok: Token): string {
  switch (tok.t) {
    case 'command':
      return `\`${tok.text}\``
    case 'warning':
      return `(!) ${tok.text}`
    case 'number':
      return formatNumber(tok.value, tok.unit)
    default:
      return tok.text
  }
}

export function paragraphText(par: Paragraph): string {
  return par.map(tokenText).join('')
}
