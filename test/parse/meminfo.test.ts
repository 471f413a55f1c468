import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {tableTests} from '../helpers/table.js'
import {parseMeminfo, type Meminfo} from '../../src/parse/meminfo.js'
import {fail, ok, quote, type Parsed} from '../../src/parse/result.js'
import {parseU64} from '../../src/parse/u64.js'

type Case = {name: string; input: string} & ({want: Meminfo} | {error: RegExp})

const cases: Case[] = [
  {
    name: 'kB values become bytes (x1024), counts stay counts',
    input: [
      'MemTotal:       16344972 kB',
      'MemFree:            1234 kB',
      'MemAvailable:    8000000 kB',
      'Active(anon):        100 kB',
      'HugePages_Total:       0',
      'HugePages_Free:        5',
      'Hugepagesize:       2048 kB',
      'DirectMap4k:      212992 kB',
      '',
    ].join('\n'),
    want: new Map([
      ['MemTotal', 16737251328n],
      ['MemFree', 1263616n],
      ['MemAvailable', 8192000000n],
      ['Active(anon)', 102400n],
      ['HugePages_Total', 0n],
      ['HugePages_Free', 5n],
      ['Hugepagesize', 2097152n],
      ['DirectMap4k', 218103808n],
    ]),
  },
  {name: 'MemTotal only', input: 'MemTotal: 1 kB', want: new Map([['MemTotal', 1024n]])},
  {
    name: 'line without unit',
    input: 'MemTotal: 1000 kB\nHugePages_Rsvd: 7\n',
    want: new Map([
      ['MemTotal', 1024000n],
      ['HugePages_Rsvd', 7n],
    ]),
  },
  {
    name: 'kB value past 2^53 stays exact',
    input: 'MemTotal: 18014398509481985 kB\n',
    want: new Map([['MemTotal', 18446744073709552640n]]),
  },
  {
    name: 'CRLF and blank lines',
    input: '\r\nMemTotal: 2 kB\r\n\r\nMemFree: 1 kB\r\n',
    want: new Map([
      ['MemTotal', 2048n],
      ['MemFree', 1024n],
    ]),
  },
  {name: 'missing MemTotal', input: 'MemFree: 1234 kB\nMemAvailable: 5678 kB\n', error: /no MemTotal line/},
  {name: 'empty', input: '', error: /no MemTotal line/},
  {name: 'other unit (MB)', input: 'MemTotal: 1 MB', error: /not a meminfo line: "MemTotal: 1 MB"/},
  {name: 'negative value', input: 'MemTotal: -1 kB', error: /not a meminfo line/},
  {name: 'no value', input: 'MemTotal: kB', error: /not a meminfo line/},
  {name: 'no colon', input: 'MemTotal 1 kB', error: /not a meminfo line/},
  {name: 'bad line after good ones', input: 'MemTotal: 1 kB\ngarbage\n', error: /not a meminfo line: "garbage"/},
  {name: 'past u64', input: 'MemTotal: 18446744073709551616 kB', error: /larger than u64/},
]

/** The parser as first written: each line trimmed, then the expression, then parseU64 on the digits. */
function byTrimmedLines(text: string): Parsed<Meminfo> {
  const out: Meminfo = new Map()
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?$/.exec(line)
    if (!m) return fail(`not a meminfo line: ${quote(line)}`)
    const v = parseU64(m[2]!)
    if (!v.ok) return fail(v.reason)
    out.set(m[1]!, m[3] ? v.value * 1024n : v.value)
  }
  if (!out.has('MemTotal')) return fail('no MemTotal line')
  return ok(out)
}

test('parseMeminfo answers as the trimmed-line parser, on random lines', () => {
  const piece = fc.constantFrom(
    'MemTotal',
    'Active(anon)',
    'X_1',
    ':',
    ' ',
    '\t',
    '\r',
    '\u00a0',
    '\n',
    '12',
    '0',
    'kB',
    'MB',
    '-',
    '18446744073709551616',
  )
  fc.assert(
    fc.property(fc.array(piece, {maxLength: 30}), (parts) => {
      const text = parts.join('')
      assert.equal(parseMeminfo(text), byTrimmedLines(text), JSON.stringify(text))
    }),
    {numRuns: 5000},
  )
})

tableTests(test, cases, parseMeminfo)

test.run()
