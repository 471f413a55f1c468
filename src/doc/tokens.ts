// The inline half of the document model: what a line of any screen is made of. Written once as tokens,
// drawn by the Ink renderer (colour, bold) and the plain-text renderer (src/doc/text), the way Shopify's
// cli-kit writes a message once as token items and renders it to Ink or to a string. A screen never formats
// a number itself: it puts a value token with its unit here, and src/units prints it.
//
//   p`free reads ${path('/proc/meminfo')}: ${num(limitBytes, 'bytes')} is your limit`
import type {Unit} from '../units/units.js'

export type {Unit}

export type TextToken = {t: 'text'; text: string}
export type CommandToken = {t: 'command'; text: string}
/** A value with its unit; null when unknown (printed "unknown", never NaN or undefined). */
export type NumberToken = {t: 'number'; value: number | null; unit: Unit}
export type PathToken = {t: 'path'; text: string}
export type WarningToken = {t: 'warning'; text: string}

/**
 * The tokens of prose: text, command, value with unit, path, warning. Explanations are written in these
 * alone, because `explain --json` returns them as they are (the README's contract).
 */
export type Span = TextToken | CommandToken | NumberToken | PathToken | WarningToken

/** The host's number beside what this container owns ("64 GiB on the host, 1 GiB yours"). */
export type PairToken = {t: 'pair'; host: Span[]; owned: Span[]}
/** Items of a list inside a line, printed with ", " between them. */
export type ListToken = {t: 'list'; items: Span[][]}
/** A fraction drawn as a bar (live views): `fraction` of the width, with its label after it. */
export type BarToken = {t: 'bar'; fraction: number | null; label: Span[]}

export type Token = Span | PairToken | ListToken | BarToken
/** A line of explanation prose: spans only (see Span). */
export type Paragraph = Span[]
/** A line of a screen: any tokens. */
export type Inline = Token[]

export const text = (s: string): TextToken => ({t: 'text', text: s})
export const cmd = (s: string): CommandToken => ({t: 'command', text: s})
export const path = (s: string): PathToken => ({t: 'path', text: s})
export const warn = (s: string): WarningToken => ({t: 'warning', text: s})
export const num = (value: number | null | undefined, unit: Unit = 'plain'): NumberToken => ({
  t: 'number',
  value: value === undefined || value === null || !Number.isFinite(value) ? null : value,
  unit,
})
export const pair = (host: Span[], owned: Span[]): PairToken => ({t: 'pair', host, owned})
export const list = (items: (Span | Span[] | string)[]): ListToken => ({
  t: 'list',
  items: items.map((i) => (typeof i === 'string' ? [text(i)] : Array.isArray(i) ? i : [i])),
})
export const bar = (fraction: number | null | undefined, label: Span[] = []): BarToken => ({
  t: 'bar',
  fraction: fraction === undefined || fraction === null || !Number.isFinite(fraction) ? null : fraction,
  label,
})

type Value<T> = T | readonly T[] | string | number | null | undefined

function template<T extends Token>(strings: TemplateStringsArray, values: Value<T>[]): (T | TextToken)[] {
  const out: (T | TextToken)[] = []
  strings.forEach((s, i) => {
    if (s) out.push(text(s))
    if (i < values.length) {
      const v = values[i]
      if (Array.isArray(v)) out.push(...(v as readonly T[]))
      else if (v !== null && typeof v === 'object' && 't' in v) out.push(v)
      else if (v === null || v === undefined) out.push(text('unknown'))
      else out.push(text(typeof v === 'object' ? JSON.stringify(v) : String(v)))
    }
  })
  return out
}

/**
 * Tagged template for prose: literal text becomes text tokens, spans and span lists stay, other values
 * become text ("unknown" for null or undefined). Spans only, so explanations stay JSON-shaped.
 */
export const p = (strings: TemplateStringsArray, ...values: Value<Span>[]): Paragraph => template(strings, values)

/** The same for a line of a screen, which may also hold pairs, lists and bars. */
export const line = (strings: TemplateStringsArray, ...values: Value<Token>[]): Inline => template(strings, values)
