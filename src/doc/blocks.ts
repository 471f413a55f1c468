// The block half of the document model: how a screen is laid out. Every human screen (owns, views,
// check, report, diagnose, the overview, explain) is a Doc built from data by src/screens/, and drawn by
// exactly two renderers: src/doc/ink (a terminal, in colour) and src/doc/text (pipes, CI, NO_COLOR,
// --no-color). `--json` never goes through a Doc. Nothing here touches the filesystem.
import type {Inline} from './tokens.js'

/** How a row's value is coloured on a terminal (plain text ignores it). */
export type Tone = 'normal' | 'good' | 'warn' | 'bad' | 'dim'

export type Row = {
  key: string
  value: Inline
  /** One more line under the value: a basis, a reason, a caveat. */
  note?: Inline
  /** The file (or files) the value came from, printed as "from ...". */
  source?: string | null
  tone?: Tone
}

/**
 * Key/value rows, in one of three layouts:
 *  - "fit": the key column fits the longest key of the "fit" tables under the same title (labels: owns, diagnose);
 *  - "column": a wide key column shared by the document (names of files, fields and tools: explain);
 *  - "stacked": the key on its own line, the value under it (long keys: views, findings, verdicts).
 * A key too long for its column gets a line of its own, the value under it.
 */
export type RowsBlock = {b: 'rows'; layout: 'fit' | 'column' | 'stacked'; rows: Row[]}

/** Preformatted tool output, kept as printed, each line with an optional annotation under it. */
export type CodeBlock = {b: 'code'; head: string; lines: {text: string; note: string | null}[]}

export type Block =
  | {b: 'title'; text: string; sub?: string}
  | {b: 'heading'; text: Inline}
  | {b: 'para'; text: Inline}
  /** A status line for scripts (capture's, push's): in plain text one line, neither indented nor wrapped,
   *  so a grep for its words or a URL in it still works; on a terminal it wraps like any text. */
  | {b: 'line'; text: Inline}
  | {b: 'bullets'; items: Inline[]}
  | RowsBlock
  | CodeBlock

/** A screen: blocks top to bottom. A title may appear again further down (explain --all, report). */
export type Doc = Block[]

export const title = (text: string, sub?: string): Block => ({b: 'title', text, ...(sub ? {sub} : {})})
export const heading = (text: Inline | string): Block => ({
  b: 'heading',
  text: typeof text === 'string' ? [{t: 'text', text}] : text,
})
export const para = (text: Inline): Block => ({b: 'para', text})
export const statusLine = (text: Inline): Block => ({b: 'line', text})
export const bullets = (items: Inline[]): Block => ({b: 'bullets', items})
export const rows = (layout: RowsBlock['layout'], items: Row[]): RowsBlock => ({b: 'rows', layout, rows: items})
