// Layout numbers both renderers share, so a screen lines up the same in plain text and in Ink.
import type {Doc} from './blocks.js'

/** The key column of "column" rows (gap included): wide enough for most file and field names. */
export const COLUMN_KEY_WIDTH = 24
/** The most a "fit" key column may take (gap included). */
export const FIT_KEY_MAX = 22

/**
 * The key column of the "fit" tables, for each block of the document: the longest key of every "fit" table
 * under the same title, and a 2-space gap, capped. A new title starts a new screen (report, explain --all).
 */
export function fitKeyWidths(doc: Doc): number[] {
  const widths: number[] = []
  let start = 0
  const flush = (end: number) => {
    const keys = doc
      .slice(start, end)
      .flatMap((b) => (b.b === 'rows' && b.layout === 'fit' ? b.rows.map((r) => r.key.length) : []))
    const width = Math.min(FIT_KEY_MAX, Math.max(0, ...keys) + 2)
    for (let i = start; i < end; i++) widths.push(width)
  }
  doc.forEach((b, i) => {
    if (b.b === 'title' && i > start) {
      flush(i)
      start = i
    }
  })
  flush(doc.length)
  return widths
}

/** A key that leaves no 2-space gap before its column ends gets a line of its own, the value under it. */
export function keyOnItsOwnLine(key: string, keyWidth: number): boolean {
  return key.length + 2 > keyWidth
}

/** On a terminal the "column" key column shrinks on narrow screens: a third of the width, at least 12. */
export function columnKeyWidth(columns: number): number {
  return Math.min(COLUMN_KEY_WIDTH, Math.max(12, Math.floor(columns / 3)))
}

/** Cells of a bar token: the fraction of BAR_CELLS filled, clamped to 0..1; null when unknown. */
export const BAR_CELLS = 10

export function barCells(fraction: number | null): {filled: number; empty: number} | null {
  if (fraction === null) return null
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_CELLS)
  return {filled, empty: BAR_CELLS - filled}
}
