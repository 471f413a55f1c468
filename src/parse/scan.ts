// Checks that stand in for a regular expression each (named beside it, and tested against it), where the
// expression cost a JSON run more than the loop: V8 compiles a regular expression on its first use (and again
// to machine code on a later one), ~0.1 M instructions each; a JSON run of `owns` met 16 before its first byte.
// Only short texts and checks met a few times are worth it: an interpreted loop over a long text costs more
// than the compiled expression. Measured by callgrind on `owns --json`'s run phase: all 16 as loops were
// 1.8 M instructions more (of ~20 M), the hot /^\d+$/ of parseU64 alone ~0.2 M more; the ones here, less.
// Later (bench/run-phase.mjs, main thread, no GC, Node 24): the blkio ops line and its Total line, a decimal,
// MAJ:MIN, a hierarchy id and a state letter, each met 1-20 times, as the loops here: 10.30 to 9.98 M.
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

/** The end of `\d+(?:\.\d+)?` from `from`, or -1 where no digit starts there. */
export function decimalEnd(s: string, from: number): number {
  const end = digitsEnd(s, from)
  if (end === from) return -1
  return s.charCodeAt(end) === 46 && isDigitCode(s.charCodeAt(end + 1)) ? digitsEnd(s, end + 1) : end
}

/** The end of `\d+\.\d+` from `from`, or -1. */
function fixedPointEnd(s: string, from: number): number {
  const end = digitsEnd(s, from)
  return end > from && s.charCodeAt(end) === 46 && isDigitCode(s.charCodeAt(end + 1)) ? digitsEnd(s, end + 1) : -1
}

/** `/^(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(s)`: the two numbers, or null. */
export function twoDecimals(s: string): [string, string] | null {
  const a = decimalEnd(s, 0)
  if (a < 0) return null
  const b = spaceEnd(s, a)
  if (b === a) return null
  return decimalEnd(s, b) === s.length ? [s.slice(0, a), s.slice(b)] : null
}

/** `/^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/.exec(s)`: the six numbers, or null. */
export function loadavgWords(s: string): string[] | null {
  const out: string[] = []
  let at = 0
  for (let k = 0; k < 6; k++) {
    if (k > 0) {
      if (s.charCodeAt(at) !== (k === 4 ? 47 : 32)) return null
      at++
    }
    const end = k < 3 ? fixedPointEnd(s, at) : digitsEnd(s, at)
    if (end <= at) return null
    out.push(s.slice(at, end))
    at = end
  }
  return at === s.length ? out : null
}

/** `/^(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})$/.exec(s)`: the three numbers, or null. */
export function idMapWords(s: string): [string, string, string] | null {
  const out: string[] = []
  let at = 0
  for (let k = 0; k < 3; k++) {
    if (k > 0) {
      const next = spaceEnd(s, at)
      if (next === at) return null
      at = next
    }
    const end = digitsEnd(s, at)
    if (end === at || end - at > 10) return null
    out.push(s.slice(at, end))
    at = end
  }
  return at === s.length ? (out as [string, string, string]) : null
}

/** `/^\d+(\s+\d+)*$/.test(s)` */
export function isDigitRuns(s: string): boolean {
  let at = digitsEnd(s, 0)
  if (at === 0) return false
  while (at < s.length) {
    const gap = spaceEnd(s, at)
    const end = digitsEnd(s, gap)
    if (gap === at || end === gap) return false
    at = end
  }
  return true
}

/** `/^[0-9a-fA-F]{1,16}$/.test(s)` */
export function isHex16(s: string): boolean {
  if (s.length === 0 || s.length > 16) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const lower = c | 32 // A-F to a-f: only A-F and a-f land in a-f
    if (!isDigitCode(c) && !(lower >= 97 && lower <= 102)) return false
  }
  return true
}

/** `/^[a-z_]+:\[(\d+)\]$/.exec(s)`: the inode number of a namespace link ("cgroup:[4026531835]"), or null. */
export function nsLinkInode(s: string): string | null {
  let i = 0
  while (i < s.length && ((s.charCodeAt(i) >= 97 && s.charCodeAt(i) <= 122) || s.charCodeAt(i) === 95)) i++
  if (i === 0 || s.charCodeAt(i) !== 58 || s.charCodeAt(i + 1) !== 91) return null
  const end = digitsEnd(s, i + 2)
  return end > i + 2 && s.charCodeAt(end) === 93 && end + 1 === s.length ? s.slice(i + 2, end) : null
}

/** `/^Total\s+\d+$/.test(s)`: the sum line that ends a v1 blkio ops file. */
export function isTotalLine(s: string): boolean {
  if (!s.startsWith('Total')) return false
  const at = spaceEnd(s, 5)
  return at > 5 && at < s.length && digitsEnd(s, at) === s.length
}

/** Whether char code `c` is A-Z or a-z (c | 32 takes A-Z, and only them, to a-z). */
const isLetterCode = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122

/** Whether char code `c` is `\w`: A-Z, a-z, 0-9, _. */
const isWordCode = (c: number): boolean => isDigitCode(c) || c === 95 || isLetterCode(c)

/** Where a MAJ:MIN (`\d+:\d+`) that starts at `at` ends, or -1. */
function majorMinorEnd(s: string, at: number): number {
  const colon = digitsEnd(s, at)
  if (colon === at || s.charCodeAt(colon) !== 58) return -1
  const end = digitsEnd(s, colon + 1)
  return end === colon + 1 ? -1 : end
}

/** `/^(\d+:\d+)\s+(\w+)\s+(\S+)$/.exec(s)`: a v1 blkio ops line's device, operation and value, or null. */
export function deviceOpValue(s: string): [string, string, string] | null {
  const device = majorMinorEnd(s, 0)
  if (device < 0) return null
  const op = spaceEnd(s, device)
  if (op === device) return null
  let opEnd = op
  while (opEnd < s.length && isWordCode(s.charCodeAt(opEnd))) opEnd++
  if (opEnd === op) return null
  const value = spaceEnd(s, opEnd)
  if (value === opEnd || value === s.length) return null
  for (let i = value; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return null
  return [s.slice(0, device), s.slice(op, opEnd), s.slice(value)]
}

/** `/^\d+(\.\d+)?$/.test(s)` */
export const isDecimal = (s: string): boolean => s.length > 0 && decimalEnd(s, 0) === s.length

/** `/^\d+:\d+$/.test(s)`: a device's MAJ:MIN. */
export const isMajorMinor = (s: string): boolean => majorMinorEnd(s, 0) === s.length

/** `/^[A-Za-z]$/.test(s)` */
export const isOneLetter = (s: string): boolean => s.length === 1 && isLetterCode(s.charCodeAt(0))
