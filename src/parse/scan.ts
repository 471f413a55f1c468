// Character tests for the parsers' hottest checks, each the exact equivalent of the regular expression named
// beside it. A JSON run of `owns` met 16 regular expressions before its first byte, each compiled by V8 on
// its first use (to bytecode, then again to machine code on the next: about a tenth of the run phase's
// instructions by callgrind), for checks that a loop over char codes answers in the same time.
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

/** `/^\d+(\.\d+)?$/.test(s)` */
export function isDecimal(s: string): boolean {
  const i = digitsEnd(s, 0)
  if (i === 0) return false
  if (i === s.length) return true
  return s.charCodeAt(i) === 46 && i + 1 < s.length && digitsEnd(s, i + 1) === s.length
}

/** `/^-?\d+$/.test(s)` */
export const isSignedDigits = (s: string): boolean => isDigits(s.charCodeAt(0) === 45 ? s.slice(1) : s)

/** `/^\d+:\d+$/.test(s)` */
export function isMajorMinor(s: string): boolean {
  const i = digitsEnd(s, 0)
  return i > 0 && s.charCodeAt(i) === 58 && i + 1 < s.length && digitsEnd(s, i + 1) === s.length
}

/** Whether `s` holds no `\s` at all. */
function noSpace(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return false
  return true
}

/** `/^(\S+)\s+(\S+)$/.exec(s)`: the two words, or null. */
export function twoWords(s: string): [string, string] | null {
  let i = 0
  while (i < s.length && !isSpaceCode(s.charCodeAt(i))) i++
  if (i === 0 || i === s.length) return null
  const j = spaceEnd(s, i)
  if (j === s.length || !noSpace(s, j)) return null
  return [s.slice(0, i), s.slice(j)]
}

/** `s.split(/\s+/)`: split at each run of `\s` (a leading or trailing run gives an empty first or last word). */
export function splitSpaces(s: string): string[] {
  const out: string[] = []
  let start = 0
  let i = 0
  while (i < s.length) {
    if (isSpaceCode(s.charCodeAt(i))) {
      out.push(s.slice(start, i))
      i = spaceEnd(s, i)
      start = i
    } else i++
  }
  out.push(s.slice(start))
  return out
}

const isMeminfoKeyCode = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigitCode(c) || c === 95 || c === 40 || c === 41

/** `/^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?$/.exec(s)`: key, digits and whether "kB" followed, or null. */
export function meminfoLine(s: string): {key: string; digits: string; kB: boolean} | null {
  let i = 0
  while (i < s.length && isMeminfoKeyCode(s.charCodeAt(i))) i++
  if (i === 0 || s.charCodeAt(i) !== 58) return null
  const d = spaceEnd(s, i + 1)
  if (d === i + 1) return null
  const e = digitsEnd(s, d)
  if (e === d) return null
  const digits = s.slice(d, e)
  if (e === s.length) return {key: s.slice(0, i), digits, kB: false}
  const k = spaceEnd(s, e)
  if (k === e || k + 2 !== s.length || s.charCodeAt(k) !== 107 || s.charCodeAt(k + 1) !== 66) return null
  return {key: s.slice(0, i), digits, kB: true}
}

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

/** `/^\w+$/.test(s)` */
export function isWord(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigitCode(c) || c === 95)) return false
  }
  return true
}
