import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseLoadavg, type Loadavg} from '../../src/parse/loadavg.js'

type Case = {name: string; input: string} & ({want: Loadavg} | {error: RegExp})

const cases: Case[] = [
  {
    name: 'sample',
    input: '0.20 0.18 0.12 1/80 11206\n',
    want: {load1: 0.2, load5: 0.18, load15: 0.12, runnable: 1, entities: 80, lastPid: 11206},
  },
  {
    name: 'busy host',
    input: '64.05 32.10 16.00 65/1234 4194303',
    want: {load1: 64.05, load5: 32.1, load15: 16, runnable: 65, entities: 1234, lastPid: 4194303},
  },
  {
    name: 'idle',
    input: '0.00 0.00 0.00 0/1 1\n',
    want: {load1: 0, load5: 0, load15: 0, runnable: 0, entities: 1, lastPid: 1},
  },
  {name: 'missing last pid', input: '0.20 0.18 0.12 1/80', error: /not a loadavg line: "0.20 0.18 0.12 1\/80"/},
  {name: 'runnable/total without slash', input: '0.20 0.18 0.12 1 80 11206', error: /not a loadavg line/},
  {name: 'integer loads', input: '1 2 3 1/80 5', error: /not a loadavg line/},
  {name: 'negative load', input: '-0.20 0.18 0.12 1/80 11206', error: /not a loadavg line/},
  {name: 'extra field', input: '0.20 0.18 0.12 1/80 11206 7', error: /not a loadavg line/},
  {name: 'garbage', input: 'a b c d/e f', error: /not a loadavg line/},
  {name: 'two lines', input: '0.20 0.18 0.12 1/80 11206\n0.20 0.18 0.12 1/80 11206\n', error: /not a loadavg line/},
  {name: 'empty', input: '', error: /not a loadavg line: ""/},
]

tableTests(test, cases, parseLoadavg)

test.run()
