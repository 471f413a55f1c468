// /proc/uptime (proc(5)): table tests, malformed input included. (/proc/diskstats: test/parse/diskstats.test.ts.)
import {test} from 'uvu'
import type {Parsed} from '../../src/parse/result.js'
import {tableTests} from '../helpers/table.js'
import {parseUptime, type Uptime} from '../../src/parse/proc-misc.js'

type Case<T> = {name: string; input: string} & ({want: T} | {error: RegExp})

function table<T>(label: string, parse: (s: string) => Parsed<T>, cases: Case<T>[]): void {
  tableTests(test, cases, parse, undefined, label)
}

table<Uptime>('uptime', parseUptime, [
  {name: 'sample', input: '350735.47 234388.90\n', want: {uptimeSeconds: 350735.47, idleSeconds: 234388.9}},
  {name: 'just booted', input: '0.50 0.40\n', want: {uptimeSeconds: 0.5, idleSeconds: 0.4}},
  {name: 'integers (lxcfs and some emulators)', input: '3600 7000', want: {uptimeSeconds: 3600, idleSeconds: 7000}},
  {name: 'idle larger than uptime (many CPUs)', input: '100.00 1500.00', want: {uptimeSeconds: 100, idleSeconds: 1500}},
  {name: 'tab separated', input: '1.00\t2.00', want: {uptimeSeconds: 1, idleSeconds: 2}},
  {name: 'one number', input: '350735.47\n', error: /not an uptime line: "350735.47"/},
  {name: 'three numbers', input: '1.0 2.0 3.0', error: /not an uptime line/},
  {name: 'negative', input: '-1.00 2.00', error: /not an uptime line/},
  {name: 'comma decimal', input: '1,00 2,00', error: /not an uptime line/},
  {name: 'exponent', input: '1e5 2.00', error: /not an uptime line/},
  {name: 'two lines', input: '1.00 2.00\n3.00 4.00\n', error: /not an uptime line/},
  {name: 'empty', input: '', error: /not an uptime line: ""/},
])

test.run()
