import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parsePsi, type Psi} from '../../src/parse/psi.js'

type Case = {name: string; input: string} & ({want: Psi} | {error: RegExp})

const zero = {avg10: 0, avg60: 0, avg300: 0, totalSeconds: 0}

const cases: Case[] = [
  {
    name: 'some and full',
    input: 'some avg10=1.23 avg60=0.50 avg300=0.10 total=1500000\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=250\n',
    want: {
      some: {avg10: 1.23, avg60: 0.5, avg300: 0.1, totalSeconds: 1.5},
      full: {avg10: 0, avg60: 0, avg300: 0, totalSeconds: 0.00025},
    },
  },
  {
    name: 'some only (cpu before 5.13 has no full line)',
    input: 'some avg10=12.50 avg60=3.00 avg300=0.75 total=2000000\n',
    want: {some: {avg10: 12.5, avg60: 3, avg300: 0.75, totalSeconds: 2}, full: null},
  },
  {name: 'full only', input: 'full avg10=0.00 avg60=0.00 avg300=0.00 total=0', want: {some: null, full: zero}},
  {
    name: 'all zero',
    input: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n',
    want: {some: zero, full: zero},
  },
  {
    name: 'integer averages',
    input: 'some avg10=5 avg60=100 avg300=0 total=1',
    want: {some: {avg10: 5, avg60: 100, avg300: 0, totalSeconds: 0.000001}, full: null},
  },
  {
    name: 'total in microseconds to seconds, u64 max',
    input: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551615\n',
    want: {some: {avg10: 0, avg60: 0, avg300: 0, totalSeconds: 18446744073709.551615}, full: null},
  },
  {
    name: 'CRLF and blank lines',
    input: '\r\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=0\r\n\r\n',
    want: {some: zero, full: null},
  },
  {name: 'malformed avg (letters)', input: 'some avg10=abc avg60=0.00 avg300=0.00 total=0', error: /not a PSI line/},
  {
    name: 'malformed avg (trailing dot)',
    input: 'some avg10=1. avg60=0.00 avg300=0.00 total=0',
    error: /not a PSI line/,
  },
  {name: 'malformed avg (negative)', input: 'some avg10=-1.00 avg60=0.00 avg300=0.00 total=0', error: /not a PSI line/},
  {name: 'averages out of order', input: 'some avg60=0.00 avg10=0.00 avg300=0.00 total=0', error: /not a PSI line/},
  {name: 'missing total', input: 'some avg10=0.00 avg60=0.00 avg300=0.00', error: /not a PSI line/},
  {name: 'fractional total', input: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=1.5', error: /not a PSI line/},
  {name: 'unknown kind', input: 'half avg10=0.00 avg60=0.00 avg300=0.00 total=0', error: /not a PSI line: "half/},
  {
    name: 'good some, bad full',
    input: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull garbage\n',
    error: /not a PSI line: "full garbage"/,
  },
  {
    name: 'total past u64',
    input: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551616',
    error: /larger than u64/,
  },
  {name: 'empty', input: '', error: /no "some" or "full" line/},
]

tableTests(test, cases, parsePsi)

test.run()
