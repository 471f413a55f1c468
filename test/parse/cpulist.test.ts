import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseCpuList} from '../../src/parse/cpulist.js'

type Case = {name: string; input: string} & ({want: number[]} | {error: RegExp})

const range = (lo: number, hi: number) => Array.from({length: hi - lo + 1}, (_, i) => lo + i)

const cases: Case[] = [
  {name: 'range and single', input: '0-3,6', want: [0, 1, 2, 3, 6]},
  {name: 'single cpu', input: '0', want: [0]},
  {name: 'empty list means no cpus', input: '', want: []},
  {name: 'newline only', input: '\n', want: []},
  {name: 'two ranges with trailing newline', input: '0-1,3-4\n', want: [0, 1, 3, 4]},
  {name: 'sysfs style', input: '0-3,6,8-9\n', want: [0, 1, 2, 3, 6, 8, 9]},
  {name: 'one-element range', input: '5-5', want: [5]},
  {name: 'unsorted elements come back sorted', input: '6,0-1', want: [0, 1, 6]},
  {name: 'overlapping ranges are deduplicated', input: '0-3,2-5,4', want: [0, 1, 2, 3, 4, 5]},
  {name: 'spaces around elements are tolerated', input: '0-1, 3', want: [0, 1, 3]},
  {name: 'largest accepted range (0-65535)', input: '0-65535', want: range(0, 65535)},
  {name: 'descending range', input: '3-0', error: /descending range "3-0"/},
  {name: 'garbage', input: 'abc', error: /bad cpu list element "abc"/},
  {name: 'trailing comma', input: '0-3,', error: /bad cpu list element/},
  {name: 'empty element', input: '0,,1', error: /bad cpu list element/},
  {name: 'open range', input: '0-', error: /bad cpu list element/},
  {name: 'double dash', input: '0--3', error: /bad cpu list element/},
  {name: 'negative number', input: '-1', error: /bad cpu list element/},
  {name: 'hex', input: '0x1', error: /bad cpu list element/},
  {name: 'space separated', input: '0 1', error: /bad cpu list element/},
  {name: 'stride syntax is not a cpu list', input: '0-7:2/4', error: /bad cpu list element/},
  {name: 'huge range (0-4294967295)', input: '0-4294967295', error: /out of range/},
  {name: 'just past the cap (0-65536)', input: '0-65536', error: /out of range/},
  {name: 'huge single cpu', input: '99999999999999999999999', error: /out of range/},
]

tableTests(test, cases, parseCpuList)

test.run()
