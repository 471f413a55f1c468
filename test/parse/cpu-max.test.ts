import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseCpuMax, type CpuMax} from '../../src/parse/cpu-max.js'

type Case = {name: string; input: string} & ({want: CpuMax} | {error: RegExp})

const cases: Case[] = [
  {name: 'set', input: '150000 100000\n', want: {quotaUs: 150000n, periodUs: 100000n}},
  {name: 'unset', input: 'max 100000\n', want: {quotaUs: null, periodUs: 100000n}},
  {name: 'unset with a custom period', input: 'max 250000', want: {quotaUs: null, periodUs: 250000n}},
  {
    name: 'only-max (a lone quota gets the default period)',
    input: '50000\n',
    want: {quotaUs: 50000n, periodUs: 100000n},
  },
  {name: 'only-max unlimited (max alone)', input: 'max', want: {quotaUs: null, periodUs: 100000n}},
  {name: 'zero quota', input: '0 100000', want: {quotaUs: 0n, periodUs: 100000n}},
  {name: 'extra whitespace', input: '  150000\t100000  \n', want: {quotaUs: 150000n, periodUs: 100000n}},
  {name: 'zero-period', input: '50000 0', error: /zero period in "50000 0"/},
  {name: 'zero-period with max', input: 'max 0', error: /zero period/},
  {name: 'invalid-max', input: 'asdf 100000', error: /bad quota in "asdf 100000"/},
  {name: 'invalid-max alone', input: 'asdf', error: /bad quota/},
  {name: 'negative quota (v1 style -1)', input: '-1 100000', error: /bad quota/},
  {name: 'invalid-period', input: '50000 asdf', error: /bad period in "50000 asdf"/},
  {name: 'too-many-fields', input: '1 2 3', error: /expected "\$MAX \$PERIOD", got "1 2 3"/},
  {name: 'empty', input: '', error: /expected "\$MAX \$PERIOD"/},
  {name: 'whitespace only', input: ' \n', error: /expected "\$MAX \$PERIOD"/},
]

tableTests(test, cases, parseCpuMax)

test.run()
