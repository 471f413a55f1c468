import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {tableTests} from '../helpers/table.js'
import {bigToNumber, bigToUnits, parseS64, parseU64} from '../../src/parse/u64.js'

type Case = {name: string; input: string} & ({want: bigint} | {error: RegExp})

const u64Cases: Case[] = [
  {name: 'parseU64: zero', input: '0', want: 0n},
  {name: 'parseU64: with newline and spaces', input: ' 42\n', want: 42n},
  {name: 'parseU64: leading zeros', input: '007', want: 7n},
  {name: 'parseU64: 2^53 + 1 exact', input: '9007199254740993', want: 9007199254740993n},
  {name: 'parseU64: u64 max', input: '18446744073709551615', want: 18446744073709551615n},
  {name: 'parseU64: u64 max + 1', input: '18446744073709551616', error: /larger than u64: "18446744073709551616"/},
  {name: 'parseU64: negative', input: '-1', error: /not an unsigned integer: "-1"/},
  {name: 'parseU64: plus sign', input: '+1', error: /not an unsigned integer/},
  {name: 'parseU64: fraction', input: '1.5', error: /not an unsigned integer/},
  {name: 'parseU64: exponent', input: '1e3', error: /not an unsigned integer/},
  {name: 'parseU64: hex', input: '0x10', error: /not an unsigned integer/},
  {name: 'parseU64: max', input: 'max', error: /not an unsigned integer: "max"/},
  {name: 'parseU64: two numbers', input: '1 2', error: /not an unsigned integer/},
  {name: 'parseU64: empty', input: '', error: /not an unsigned integer: ""/},
  {
    name: 'parseU64: long garbage is quoted with a bound',
    input: 'x'.repeat(500),
    error: /^not an unsigned integer: "x{60}…"$/,
  },
]

const s64Cases: Case[] = [
  {name: 'parseS64: -1 (unlimited cfs_quota_us)', input: '-1\n', want: -1n},
  {name: 'parseS64: positive', input: '150000', want: 150000n},
  {name: 'parseS64: zero', input: '0', want: 0n},
  {name: 'parseS64: s64 max', input: '9223372036854775807', want: 9223372036854775807n},
  {name: 'parseS64: s64 min', input: '-9223372036854775808', want: -9223372036854775808n},
  {name: 'parseS64: double minus', input: '--1', error: /not an integer: "--1"/},
  {name: 'parseS64: plus sign', input: '+1', error: /not an integer/},
  {name: 'parseS64: fraction', input: '-1.5', error: /not an integer/},
  {name: 'parseS64: max', input: 'max', error: /not an integer: "max"/},
  {name: 'parseS64: empty', input: '', error: /not an integer: ""/},
]

tableTests(test, u64Cases, parseU64)
tableTests(test, s64Cases, parseS64)

const unitCases: {name: string; value: bigint; per: bigint; want: number}[] = [
  {name: 'bigToUnits: µs to s', value: 1_500_000n, per: 1_000_000n, want: 1.5},
  {name: 'bigToUnits: zero', value: 0n, per: 1_000_000_000n, want: 0},
  {name: 'bigToUnits: less than one unit', value: 250n, per: 1_000_000n, want: 0.00025},
  {name: 'bigToUnits: exact multiple', value: 3_000_000_000n, per: 1_000_000_000n, want: 3},
  // Number(123456789012345678901n) / 1e9 is 123456789012.34569: the integer part is kept exactly here.
  {
    name: 'bigToUnits: ns to s past 2^53 keeps the integer part',
    value: 123456789012345678901n,
    per: 1_000_000_000n,
    want: 123456789012.345678901,
  },
  {name: 'bigToUnits: u64 max µs', value: 18446744073709551615n, per: 1_000_000n, want: 18446744073709.551615},
  {name: 'bigToUnits: negative', value: -1_500n, per: 1_000n, want: -1.5},
  {name: 'bigToUnits: per 1', value: 42n, per: 1n, want: 42},
]

for (const c of unitCases) {
  test(c.name, () => {
    const got = bigToUnits(c.value, c.per)
    assert.is(got, c.want)
    assert.is(Math.trunc(got), Number(c.value / c.per), 'integer part')
  })
}

const numberCases: {name: string; value: bigint; want: number}[] = [
  {name: 'bigToNumber: small', value: 42n, want: 42},
  {name: 'bigToNumber: 2^53 exact', value: 9007199254740992n, want: 9007199254740992},
  {name: 'bigToNumber: 2^53 + 1 rounds to the nearest double', value: 9007199254740993n, want: 9007199254740992},
  {name: 'bigToNumber: u64 max', value: 18446744073709551615n, want: 18446744073709551616},
]

for (const c of numberCases) {
  test(c.name, () => assert.is(bigToNumber(c.value), c.want))
}

test.run()
