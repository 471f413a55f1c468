// Ink splits every line it draws into graphemes with ansi-tokenize, whose Intl.Segmenter costs 11-30 ms to
// build (ICU's break-iterator data). The build edits it (scripts/dependency-edits.mjs) to split a line unit by
// unit where every UTF-16 unit is a grapheme of its own, and both test runs load it with that edit
// (test/unit-vendor.mjs, test/dependency-edits-hook.mjs). Checked here against ICU itself: in those ranges
// ICU's segments are the units; other lines still go to ICU.
import {tokenize} from '@alcalzone/ansi-tokenize'
import fc from 'fast-check'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../../../test/helpers/paths.js'
import {ONE_COLUMN} from './one-column.js'

const {NARROW_RANGES} = (await import(pathToFileURL(join(REPO, 'scripts', 'dependency-edits.mjs')).href)) as {
  NARROW_RANGES: string
}
type Width = {default: (s: string) => number}
const widths = await Promise.all(
  [
    'node_modules/ink/node_modules/string-width',
    'node_modules/ink/node_modules/wrap-ansi/node_modules/string-width',
  ].map(
    async (dir) => [dir, ((await import(pathToFileURL(join(REPO, dir, 'index.js')).href)) as Width).default] as const,
  ),
)

// The edit's ranges (scripts/dependency-edits.mjs, ONE_UNIT_GRAPHEMES), as [first, last] code points.
const RANGES: [number, number][] = [
  [0x0000, 0x02ff],
  [0x0370, 0x03ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x21ff],
  [0x2500, 0x25ff],
]
const unit = fc.integer({min: 0, max: RANGES.reduce((n, [a, b]) => n + b - a, RANGES.length - 1)}).map((i) => {
  for (const [a, b] of RANGES) {
    if (i <= b - a) return String.fromCharCode(a + i)
    i -= b - a + 1
  }
  return 'x'
})
const icu = new Intl.Segmenter(undefined, {granularity: 'grapheme'})
const chars = (s: string) => tokenize(s).flatMap((t) => (t.type === 'char' ? [t.value] : []))

test('a line of those ranges is split without ICU; any other line with it', () => {
  const proto = Intl.Segmenter.prototype
  const original = Object.getOwnPropertyDescriptor(proto, 'segment')!
  const segment = original.value as (this: Intl.Segmenter, input: string) => Intl.Segments
  let calls = 0
  Object.defineProperty(proto, 'segment', {
    ...original,
    value(this: Intl.Segmenter, input: string) {
      calls++
      return segment.call(this, input)
    },
  })
  try {
    tokenize('\u001b[1m╭── guestview owns ──╮\u001b[22m • 1.5 cores × 2 → µs Δ')
    assert.is(calls, 0)
    tokenize('cafe\u0301')
    assert.is(calls, 1)
  } finally {
    Object.defineProperty(proto, 'segment', original)
  }
})

test("ICU splits a line of those ranges into its units (but a CR LF pair), and tokenize's characters are them", () => {
  fc.assert(
    fc.property(fc.array(unit, {maxLength: 40}), (units) => {
      const s = units.join('').replaceAll('\r\n', '\r') // a CR LF pair is one grapheme: the edit sends it to ICU
      const segments = [...icu.segment(s)].map((x) => x.segment)
      assert.equal(segments, [...s])
      assert.equal(chars(s.replace(/\u001b/g, '')), [...s.replace(/\u001b/g, '')])
    }),
    {numRuns: 300},
  )
})

test('every unit of the ranges is a grapheme of its own next to an ASCII letter on both sides', () => {
  for (const [a, b] of RANGES)
    for (let c = a; c <= b; c++) {
      const s = `a${String.fromCharCode(c)}b`
      if (s.includes('\r')) continue
      assert.is([...icu.segment(s)].length, 3, `U+${c.toString(16)}`)
    }
})

test('lines outside the ranges still split into graphemes: combining marks, emoji sequences, CR LF', () => {
  assert.equal(chars('e\u0301x'), ['e\u0301', 'x'])
  assert.equal(chars('\u{1F469}\u200D\u{1F4BB}!'), ['\u{1F469}\u200D\u{1F4BB}', '!'])
  assert.equal(chars('a\r\nb'), ['a', '\r\n', 'b'])
  const wide = tokenize('\u{1F469}\u200D\u{1F4BB}')[0]
  assert.ok(wide?.type === 'char' && wide.fullWidth)
})

test('styled lines: escape codes are tokens of their own, characters in order, box drawing one column each', () => {
  const t = tokenize('\u001b[1m╭─•\u001b[22m Δ×µ')
  assert.equal(
    t.map((x) => (x.type === 'ansi' ? x.code : x.value)),
    ['\u001b[1m', '╭', '─', '•', '\u001b[22m', ' ', 'Δ', '×', 'µ'],
  )
  assert.ok(t.every((x) => x.type === 'ansi' || !x.fullWidth))
})

// string-width's edit counts a line of these characters by its length (each one column, one grapheme). Each is
// checked by string-width's own path, which an emoji beside it (two columns) forces.
test("string-width's fast path: each character of its ranges is one column by string-width's own path", () => {
  const narrow = new RegExp(`^[${NARROW_RANGES}]$`)
  let n = 0
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c)
    if (!narrow.test(ch)) continue
    n++
    for (const [dir, width] of widths) assert.is(width(`${ch}\u{1F600}`), 3, `${dir}: U+${c.toString(16)}`)
    assert.is([...icu.segment(`a${ch}b`)].length, 3, `U+${c.toString(16)}: one grapheme`)
  }
  assert.ok(n > 400, `${n} characters`)
  // The rows drawn as one Text (Rows.tsx) count on the same characters being one column each.
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c)
    assert.is(ONE_COLUMN.test(ch), narrow.test(ch), `U+${c.toString(16)}: ONE_COLUMN and NARROW_RANGES differ`)
  }
  for (let c = 0; c <= 0x9f; c = c === 0x1f ? 0x7f : c + 1)
    for (const [dir, width] of widths) {
      assert.is(width(`${String.fromCharCode(c)}\u{1F600}`), 2, `${dir}: U+${c.toString(16)} has no width`)
      assert.is(width(String.fromCharCode(c)), 0, `${dir}: U+${c.toString(16)} alone`)
    }
})

test.run()
