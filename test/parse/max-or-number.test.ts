import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseMaxOrNumber, type MaxOrNumber} from '../../src/parse/max-or-number.js'

type Case = {name: string; input: string} & ({want: MaxOrNumber} | {error: RegExp})

const cases: Case[] = [
  {name: 'max', input: 'max', want: {max: true}},
  {name: 'max with newline', input: 'max\n', want: {max: true}},
  {
    name: 'v1 unlimited memory.limit_in_bytes',
    input: '9223372036854771712\n',
    want: {max: false, value: 9223372036854771712n},
  },
  {name: 'number', input: '536870912\n', want: {max: false, value: 536870912n}},
  {name: 'zero', input: '0', want: {max: false, value: 0n}},
  {name: 'u64 max', input: '18446744073709551615', want: {max: false, value: 18446744073709551615n}},
  {name: 'negative (-1)', input: '-1', error: /expected "max" or a number, got "-1"/},
  {name: 'garbage (abc)', input: 'abc', error: /expected "max" or a number, got "abc"/},
  {name: 'capitalised Max', input: 'Max', error: /expected "max" or a number/},
  {name: 'two values', input: 'max 100000', error: /expected "max" or a number/},
  {name: 'past u64', input: '18446744073709551616', error: /expected "max" or a number/},
  {name: 'fraction', input: '1.5', error: /expected "max" or a number/},
  {name: 'empty', input: '', error: /expected "max" or a number, got ""/},
]

tableTests(test, cases, parseMaxOrNumber)

test.run()
