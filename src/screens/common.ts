// Pieces every screen builder uses: a limit as a value, an optional note, the sysroot in a title.
import type {Inline, NumberToken, Unit} from '../doc/tokens.js'
import {num, text} from '../doc/tokens.js'
import type {Limit} from '../model/limit.js'

/** A limit as its value: the number with its unit, or "unlimited" / "unknown" (never confused). */
export function limitValue(l: Limit, unit: Unit): Inline {
  switch (l.state) {
    case 'limited':
      return [num(l.value, unit)]
    case 'unlimited':
      return [text('unlimited')]
    default:
      return [text('unknown')]
  }
}

/** A line of prose from the model (a reason, a basis), or nothing when there is none. */
export const note = (s: string | null | undefined): Inline | undefined => (s ? [text(s)] : undefined)

/** part of whole in percent, unknown when whole is not positive. */
export const share = (part: number | null, whole: number | null): NumberToken =>
  num(part !== null && whole !== null && whole > 0 ? (100 * part) / whole : null, 'percent')

/** " (sysroot DIR)" in a title when the report was not read from "/". */
export const sysrootSuffix = (root: string): string => (root === '/' ? '' : ` (sysroot ${root})`)
