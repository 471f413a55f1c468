import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseMeminfo, type Meminfo} from '../../src/parse/meminfo.js'

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

tableTests(test, cases, parseMeminfo)

test.run()
