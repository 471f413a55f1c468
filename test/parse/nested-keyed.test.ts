import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseNestedKeyed} from '../../src/parse/nested-keyed.js'

type Entry = [device: string, values: [string, bigint | 'max' | number][]]
type Case = {name: string; input: string} & ({want: Entry[]} | {error: RegExp})

const cases: Case[] = [
  {
    name: 'io.stat, two devices',
    input:
      '8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n8:0 rbytes=90430464 wbytes=299008000 rios=8950 wios=1252 dbytes=50331648 dios=3021\n',
    want: [
      [
        '8:16',
        [
          ['rbytes', 1459200n],
          ['wbytes', 314773504n],
          ['rios', 192n],
          ['wios', 353n],
          ['dbytes', 0n],
          ['dios', 0n],
        ],
      ],
      [
        '8:0',
        [
          ['rbytes', 90430464n],
          ['wbytes', 299008000n],
          ['rios', 8950n],
          ['wios', 1252n],
          ['dbytes', 50331648n],
          ['dios', 3021n],
        ],
      ],
    ],
  },
  {
    name: 'io.max with max values',
    input: '8:16 rbps=2097152 wbps=max riops=max wiops=120\n',
    want: [
      [
        '8:16',
        [
          ['rbps', 2097152n],
          ['wbps', 'max'],
          ['riops', 'max'],
          ['wiops', 120n],
        ],
      ],
    ],
  },
  {
    name: 'io.max all max',
    input: '259:0 rbps=max wbps=max riops=max wiops=max\n',
    want: [
      [
        '259:0',
        [
          ['rbps', 'max'],
          ['wbps', 'max'],
          ['riops', 'max'],
          ['wiops', 'max'],
        ],
      ],
    ],
  },
  {name: 'empty file (no limits, no io)', input: '', want: []},
  {name: 'blank lines only', input: '\n\n', want: []},
  {name: 'device without pairs', input: '8:16\n', want: [['8:16', []]]},
  {
    name: 'u64 max stays exact',
    input: '8:0 rbytes=18446744073709551615\n',
    want: [['8:0', [['rbytes', 18446744073709551615n]]]],
  },
  {
    name: 'unknown keys are kept',
    input: '8:0 rbytes=1 newkey=2\n',
    want: [
      [
        '8:0',
        [
          ['rbytes', 1n],
          ['newkey', 2n],
        ],
      ],
    ],
  },
  {
    name: 'tabs, extra spaces and CRLF',
    input: '8:0\trbytes=1   wbytes=2\r\n',
    want: [
      [
        '8:0',
        [
          ['rbytes', 1n],
          ['wbytes', 2n],
        ],
      ],
    ],
  },
  {name: 'no MAJ:MIN first', input: 'sda rbytes=1\n', error: /expected MAJ:MIN first: "sda rbytes=1"/},
  {name: 'key=value where MAJ:MIN belongs', input: 'rbytes=1 wbytes=2\n', error: /expected MAJ:MIN first/},
  {name: 'pair without "="', input: '8:16 rbytes\n', error: /expected key=value, got "rbytes"/},
  {name: 'empty key', input: '8:16 =5\n', error: /expected key=value, got "=5"/},
  {name: 'empty value', input: '8:16 rbps=\n', error: /rbps: not an unsigned integer: ""/},
  {
    name: 'signed value (blk-iolatency use_delay) kept as a number',
    input: '8:16 use_delay=-1\n',
    want: [['8:16', [['use_delay', -1]]]],
  },
  {
    name: 'decimal value (blk-iocost cost.vrate) kept as a number',
    input: '8:0 rbytes=1 cost.vrate=135.04\n',
    want: [
      [
        '8:0',
        [
          ['rbytes', 1n],
          ['cost.vrate', 135.04],
        ],
      ],
    ],
  },
  {name: 'capitalised MAX', input: '8:16 rbps=MAX\n', error: /rbps: not an unsigned integer/},
  {name: 'past u64', input: '8:16 rbytes=18446744073709551616\n', error: /rbytes: larger than u64/},
  {
    name: 'bad second line fails the file',
    input: '8:16 rbps=1\n8:0 rbps=x\n',
    error: /rbps: not an unsigned integer: "x"/,
  },
]

tableTests(test, cases, parseNestedKeyed, (v) => v.map((e): Entry => [e.device, [...e.values]]))

test.run()
