// Checks that stand in for a regular expression each (named beside it, and tested against it), where the
// expression cost a JSON run more than the loop: V8 compiles a regular expression on its first use (and again
// to machine code on a later one), ~0.1 M instructions each; a JSON run of `owns` met 16 before its first byte.
// Only short texts and checks met a few times are worth it: an interpreted loop over a long text costs more
// than the compiled expression. Measured by callgrind on `owns --json`'s run phase: all 16 as loops were
// 1.8 M instructions more (of ~20 M), the hot /^\d+$/ of parseU64 alone ~0.2 M more; the ones here, less.
//
// `\s` (ECMA-262 §22.2.2.9, CharacterClassEscape) is WhiteSpace and LineTerminator: the same set that
// String.prototype.trim strips. `\d` is ASCII 0-9 only. Without the `m` flag, `$` is the end of the input.

/** Whether char code `c` is `\s`: TAB, LF, VT, FF, CR, SPACE, NBSP, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 160) return false
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57

/** The end of the run of digits from `from` (`from` itself if none). */
export function digitsEnd(s: string, from: number): number {
  let i = from
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++
  return i
}

/** The end of the run of `\s` from `from` (`from` itself if none). */
export function spaceEnd(s: string, from: number): number {
  let i = from
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++
  return i
}

/** `/^\d+$/.test(s)` */
export const isDigits = (s: string): boolean => s.length > 0 && digitsEnd(s, 0) === s.length

/** `/^-?\d+$/.test(s)` */
export const isSignedDigits = (s: string): boolean => isDigits(s.charCodeAt(0) === 45 ? s.slice(1) : s)

/** `\s+NAME=` then `\d+(?:\.\d+)?` (or `\d+` alone where `whole`) from `at`: the number's text and its end, or null. */
function namedNumber(s: string, at: number, name: string, whole: boolean): [string, number] | null {
  const j = spaceEnd(s, at)
  if (j === at || !s.startsWith(name, j) || s.charCodeAt(j + name.length) !== 61) return null
  const from = j + name.length + 1
  let end = digitsEnd(s, from)
  if (end === from) return null
  if (!whole && s.charCodeAt(end) === 46 && isDigitCode(s.charCodeAt(end + 1))) end = digitsEnd(s, end + 1)
  return [s.slice(from, end), end]
}

export type PsiWords = {kind: 'some' | 'full'; avg10: string; avg60: string; avg300: string; total: string}

/**
 * `/^(some|full)\s+avg10=(\d+(?:\.\d+)?)\s+avg60=(\d+(?:\.\d+)?)\s+avg300=(\d+(?:\.\d+)?)\s+total=(\d+)$/.exec(s)`:
 * the line's words, or null.
 */
export function psiWords(s: string): PsiWords | null {
  const kind = s.slice(0, 4)
  if (kind !== 'some' && kind !== 'full') return null
  const avg10 = namedNumber(s, 4, 'avg10', false)
  const avg60 = avg10 && namedNumber(s, avg10[1], 'avg60', false)
  const avg300 = avg60 && namedNumber(s, avg60[1], 'avg300', false)
  const total = avg300 && namedNumber(s, avg300[1], 'total', true)
  if (!avg10 || !avg60 || !avg300 || !total || total[1] !== s.length) return null
  return {kind, avg10: avg10[0], avg60: avg60[0], avg300: avg300[0], total: total[0]}
}
