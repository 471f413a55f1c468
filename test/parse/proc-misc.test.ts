// /proc/uptime and /proc/diskstats names (proc(5), Documentation/admin-guide/
// iostats.rst): table tests, malformed input included.
import {test} from 'uvu'
import type {Parsed} from '../../src/parse/result.js'
import {tableTests} from '../helpers/table.js'
import {parseDiskstatsNames, parseUptime, type DiskLine, type Uptime} from '../../src/parse/proc-misc.js'

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

const d = (major: number, minor: number, name: string): DiskLine => ({major, minor, name})
const NEW = '   8       0 sda 12345 67 891011 1213 1415 16 171819 2021 0 2223 2425 0 0 0 0 26 27\n'

table<DiskLine[]>('diskstats', parseDiskstatsNames, [
  {name: '5.5+ (20 fields)', input: NEW, want: [d(8, 0, 'sda')]},
  {
    name: 'several devices, partitions and loops',
    input:
      NEW +
      ' 259       0 nvme0n1 1 0 2 0 3 0 4 0 0 5 5 0 0 0 0 0 0\n 259       1 nvme0n1p1 1 0 2 0 3 0 4 0 0 5 5 0 0 0 0 0 0\n   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n',
    want: [d(8, 0, 'sda'), d(259, 0, 'nvme0n1'), d(259, 1, 'nvme0n1p1'), d(7, 0, 'loop0')],
  },
  {name: '2.6-4.17 (14 fields)', input: '   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n', want: [d(8, 0, 'sda')]},
  {name: 'old partition line (7 fields)', input: '   8       1 sda1 100 200 300 400\n', want: [d(8, 1, 'sda1')]},
  {
    name: 'device-mapper and md names',
    input: ' 253       0 dm-0 1 2 3 4 5 6 7 8 9 10 11\n   9       0 md0 1 2 3 4 5 6 7 8 9 10 11\n',
    want: [d(253, 0, 'dm-0'), d(9, 0, 'md0')],
  },
  {name: 'empty (no block devices, some VMs)', input: '', want: []},
  {name: 'too few fields', input: '   8       0 sda 1 2 3\n', error: /not a diskstats line: "8 {7}0 sda 1 2 3"/},
  {name: 'major not a number', input: '   x       0 sda 1 2 3 4 5 6 7 8 9 10 11\n', error: /not a diskstats line/},
  {name: 'minor not a number', input: '   8       - sda 1 2 3 4 5 6 7 8 9 10 11\n', error: /not a diskstats line/},
  {
    name: "a header line (a tool's output pasted in)",
    input: 'major minor name reads merged sectors ms\n',
    error: /not a diskstats line/,
  },
  {name: 'bad line after good ones', input: NEW + 'garbage\n', error: /not a diskstats line: "garbage"/},
])

test.run()
