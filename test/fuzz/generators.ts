// fast-check generators for hostile kernel files (issue 13, "property-based fuzzing"): text built from the
// tokens kernel formats are made of, valid samples with one thing broken (a number made huge or negative,
// `max` in odd places, a line duplicated, CRLF, cut short, binary), and plain random and binary strings.
import fc from 'fast-check'

/** Numbers and words that break parsers: past u64, past s64, 400 digits, signs, floats, hex, exponents. */
export const NASTY_NUMBERS = [
  '0',
  '-0',
  '-1',
  '1',
  '4294967296',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551615',
  '18446744073709551616',
  '9'.repeat(400),
  '9'.repeat(400) + '.5',
  '0.' + '0'.repeat(300) + '1',
  '1e308',
  '1e309',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '1.5',
  '-2.5',
  '00001',
  'max',
  'MAX',
  '',
]

const PIECES = [
  ...NASTY_NUMBERS,
  ' ',
  '  ',
  '\t',
  '\r',
  ':',
  '=',
  '-',
  '/',
  ',',
  '(',
  ')',
  '8:0',
  'some',
  'full',
  'avg10=',
  'total=',
  'cpu',
  'cpu0',
  'MemTotal:',
  'kB',
  'nr_periods',
  'usage_usec',
  'rbps=',
  '\u0000',
  '\u001b]0;x\u0007',
  '\u009b',
  '\ufffd',
  'é',
]

const piece = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...PIECES)},
  {weight: 2, arbitrary: fc.string({maxLength: 6})},
  {weight: 2, arbitrary: fc.bigInt({min: -(1n << 70n), max: 1n << 70n}).map(String)},
  {weight: 1, arbitrary: fc.double().map(String)},
)

/** A line of pieces, a text of lines (LF or CRLF). */
export const tokenLine = fc.array(piece, {maxLength: 10}).map((ps) => ps.join(''))
export const tokenText = fc
  .tuple(fc.array(tokenLine, {maxLength: 12}), fc.constantFrom('\n', '\r\n', '\n\n'))
  .map(([lines, eol]) => lines.join(eol))

/** One broken copy of a valid sample. */
export function mutated(samples: string[]): fc.Arbitrary<string> {
  const sample = fc.constantFrom(...samples)
  return fc.oneof(
    // a number replaced by a nasty one
    fc.tuple(sample, fc.nat(), fc.constantFrom(...NASTY_NUMBERS)).map(([s, i, n]) => {
      const nums = [...s.matchAll(/\d+(\.\d+)?/g)]
      if (nums.length === 0) return s + n
      const m = nums[i % nums.length]!
      return s.slice(0, m.index) + n + s.slice(m.index + m[0].length)
    }),
    // a word replaced by `max`
    fc.tuple(sample, fc.nat()).map(([s, i]) => {
      const words = [...s.matchAll(/\S+/g)]
      if (words.length === 0) return 'max'
      const m = words[i % words.length]!
      return s.slice(0, m.index) + 'max' + s.slice(m.index + m[0].length)
    }),
    // a line duplicated (duplicated keys)
    fc.tuple(sample, fc.nat()).map(([s, i]) => {
      const lines = s.split('\n')
      const k = i % lines.length
      return [...lines.slice(0, k + 1), lines[k], ...lines.slice(k + 1)].join('\n')
    }),
    sample.map((s) => s.replace(/\n/g, '\r\n')),
    fc.tuple(sample, fc.nat()).map(([s, i]) => s.slice(0, i % (s.length + 1))),
    fc.tuple(sample, fc.uint8Array({maxLength: 64})).map(([s, b]) => s + Buffer.from(b).toString('latin1')),
    fc.tuple(sample, piece, fc.nat()).map(([s, p, i]) => {
      const k = i % (s.length + 1)
      return s.slice(0, k) + p + s.slice(k)
    }),
  )
}

/** Anything a file might hold: token soup, broken samples, random text, binary. */
export function fileText(samples: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {weight: 4, arbitrary: mutated(samples)},
    {weight: 3, arbitrary: tokenText},
    {weight: 1, arbitrary: fc.string({maxLength: 200})},
    {weight: 1, arbitrary: fc.uint8Array({maxLength: 200}).map((b) => Buffer.from(b).toString('latin1'))},
  )
}

/** Problems with a parsed value: a non-finite number, or a negative one where counts must be >= 0. */
export function valueProblems(v: unknown, allowNegative: boolean, path = '$', out: string[] = []): string[] {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${path}: ${v}`)
    else if (!allowNegative && v < 0) out.push(`${path}: negative ${v}`)
  } else if (typeof v === 'bigint') {
    if (!allowNegative && v < 0n) out.push(`${path}: negative ${v}`)
  } else if (v === undefined) out.push(`${path}: undefined`)
  else if (v instanceof Map) for (const [k, x] of v) valueProblems(x, allowNegative, `${path}.${String(k)}`, out)
  else if (Array.isArray(v)) v.forEach((x, i) => valueProblems(x, allowNegative, `${path}[${i}]`, out))
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) valueProblems(x, allowNegative, `${path}.${k}`, out)
  return out
}
