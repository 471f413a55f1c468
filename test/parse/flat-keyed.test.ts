import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {tableTests} from '../helpers/table.js'
import {parseFlatKeyed, type FlatKeyed} from '../../src/parse/flat-keyed.js'

type Case = {name: string; input: string} & ({want: FlatKeyed} | {error: RegExp})

const cases: Case[] = [
  {
    name: 'cpu.stat v1',
    input: 'nr_periods 52\nnr_throttled 3\nthrottled_time 123456789\n',
    want: new Map([
      ['nr_periods', 52n],
      ['nr_throttled', 3n],
      ['throttled_time', 123456789n],
    ]),
  },
  {
    name: 'cpu.stat v2',
    input:
      'usage_usec 1234\nuser_usec 1000\nsystem_usec 234\nnr_periods 10\nnr_throttled 2\nthrottled_usec 5000\nnr_bursts 0\nburst_usec 0\n',
    want: new Map([
      ['usage_usec', 1234n],
      ['user_usec', 1000n],
      ['system_usec', 234n],
      ['nr_periods', 10n],
      ['nr_throttled', 2n],
      ['throttled_usec', 5000n],
      ['nr_bursts', 0n],
      ['burst_usec', 0n],
    ]),
  },
  {
    name: 'cpu.stat v2 without the cpu controller (usage only)',
    input: 'usage_usec 1234\nuser_usec 1000\nsystem_usec 234\n',
    want: new Map([
      ['usage_usec', 1234n],
      ['user_usec', 1000n],
      ['system_usec', 234n],
    ]),
  },
  {
    name: 'memory.events (a key named "max")',
    input: 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n',
    want: new Map([
      ['low', 0n],
      ['high', 0n],
      ['max', 12n],
      ['oom', 1n],
      ['oom_kill', 1n],
      ['oom_group_kill', 0n],
    ]),
  },
  {
    name: 'unknown keys are kept',
    input: 'nr_periods 1\nsome_future_key 7\n',
    want: new Map([
      ['nr_periods', 1n],
      ['some_future_key', 7n],
    ]),
  },
  {
    name: 'u64 max stays exact (past 2^53)',
    input: 'throttled_time 18446744073709551615\nhierarchical_memory_limit 9223372036854771712\nx 9007199254740993\n',
    want: new Map([
      ['throttled_time', 18446744073709551615n],
      ['hierarchical_memory_limit', 9223372036854771712n],
      ['x', 9007199254740993n],
    ]),
  },
  {
    name: 'duplicate key: the last value wins',
    input: 'a 1\na 2\n',
    want: new Map([['a', 2n]]),
  },
  {
    name: 'tabs, CRLF, blank lines and no trailing newline',
    input: '\na\t1\r\n\r\nb   2',
    want: new Map([
      ['a', 1n],
      ['b', 2n],
    ]),
  },
  // A file with no good line at all fails, with the first bad line's reason.
  {name: 'past u64', input: 'x 18446744073709551616\n', error: /key x: larger than u64/},
  {name: 'negative value', input: 'nr_periods -1\n', error: /key nr_periods: not an unsigned integer: "-1"/},
  {name: 'non-numeric value', input: 'oom abc\n', error: /key oom: not an unsigned integer: "abc"/},
  {name: 'fractional value', input: 'x 1.5\n', error: /key x: not an unsigned integer/},
  {name: 'key without value', input: 'nr_periods\n', error: /not a "key value" line: "nr_periods"/},
  {name: 'three fields', input: 'a 1 2\n', error: /not a "key value" line/},
  {name: 'two bad lines only', input: 'a\nb x\n', error: /not a "key value" line: "a" \(and 1 more bad lines\)/},
  {name: 'nested keyed line is not flat keyed', input: '8:16 rbytes=1 wbytes=2\n', error: /not a "key value" line/},
  {name: 'empty', input: '', error: /empty file/},
  {name: 'blank lines only', input: '\n \n', error: /empty file/},
]

tableTests(test, cases, parseFlatKeyed)

// One bad line does not lose the file (issue 12 item 7): the good keys are kept, each bad line is a problem.
type Partial = {name: string; input: string; want: [string, bigint][]; problems: {key: string | null; reason: RegExp}[]}
const partial: Partial[] = [
  {
    name: 'a bad line after good ones: the good keys stay, the line is a problem',
    input: 'a 1\nb 2\nc\n',
    want: [
      ['a', 1n],
      ['b', 2n],
    ],
    problems: [{key: null, reason: /^not a "key value" line: "c"$/}],
  },
  {
    name: 'cpu.stat v2 with a garbled throttled_usec: usage_usec is kept',
    input: 'usage_usec 2750000\nnr_periods 120\nnr_throttled 3\nthrottled_usec 15000us\n',
    want: [
      ['usage_usec', 2750000n],
      ['nr_periods', 120n],
      ['nr_throttled', 3n],
    ],
    problems: [{key: 'throttled_usec', reason: /^key throttled_usec: not an unsigned integer: "15000us"$/}],
  },
  {
    name: 'a value past u64 among good lines',
    input: 'nr_periods 1\nthrottled_time 18446744073709551616\n',
    want: [['nr_periods', 1n]],
    problems: [{key: 'throttled_time', reason: /larger than u64/}],
  },
]
for (const c of partial) {
  test(c.name, () => {
    const got = parseFlatKeyed(c.input)
    assert.ok(got.ok, 'the file is read')
    if (!got.ok) return
    assert.equal([...got.value.entries()], c.want)
    assert.is(got.problems?.length, c.problems.length)
    c.problems.forEach((p, i) => {
      assert.is(got.problems?.[i]?.key, p.key)
      assert.match(got.problems?.[i]?.reason ?? '', p.reason)
    })
  })
}

test('a well-formed file has no problems', () => {
  const got = parseFlatKeyed('a 1\n')
  assert.ok(got.ok && got.problems === undefined)
})

test.run()
