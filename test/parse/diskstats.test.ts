// /proc/diskstats (Documentation/admin-guide/iostats.rst), its two readers: the devices' names for the findings
// (parseDiskstatsNames), and as diagnose samples it, each device's sectors, busy time and time in queue
// (parseDiskstats). Table tests, the kernels' line lengths and malformed input included. A partition line of a
// kernel before 2.6.25 has four counters and no busy time: its name is read, its counters fail the file.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseDiskstats, parseDiskstatsNames, type DiskCounters, type DiskLine} from '../../src/parse/diskstats.js'
import {tableTests} from '../helpers/table.js'

const d = (major: number, minor: number, name: string): DiskLine => ({major, minor, name})
const NEW = '   8       0 sda 12345 67 891011 1213 1415 16 171819 2021 0 2223 2425 0 0 0 0 26 27\n'

tableTests<DiskLine[]>(
  test,
  [
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
  ],
  parseDiskstatsNames,
  undefined,
  'names',
)

const c = (name: string, sectorsRead: number, sectorsWritten: number, ioTicksMs: number, weightedMs: number) =>
  ({name, sectorsRead, sectorsWritten, ioTicksMs, weightedMs}) satisfies DiskCounters
tableTests<DiskCounters[]>(
  test,
  [
    {name: '5.5+ (20 fields)', input: NEW, want: [c('sda', 891011, 171819, 2223, 2425)]},
    {
      name: '4.18-5.4 (18 fields)',
      input: '   8       0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n',
      want: [c('sda', 3, 7, 10, 11)],
    },
    {name: '2.6-4.17 (14 fields)', input: '   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n', want: [c('sda', 3, 7, 10, 11)]},
    {
      name: 'several devices, tab separated',
      input: NEW + ' 259\t0\tnvme0n1\t1 0 2 0 3 0 4 0 0 5 6 0 0 0 0 0 0\n',
      want: [c('sda', 891011, 171819, 2223, 2425), c('nvme0n1', 2, 4, 5, 6)],
    },
    {name: 'empty (no block devices, some VMs)', input: '', want: []},
    {
      name: 'counters of 20 digits',
      input: `8 0 sda 1 2 ${'9'.repeat(20)} 4 5 6 7 8 9 10 11\n`,
      want: [c('sda', 1e20, 7, 10, 11)],
    },
    {
      name: 'an old partition line (before 2.6.25: 4 counters, no busy time) fails the file',
      input: NEW + '   8       1 sda1 100 200 300 400\n',
      error: /not a diskstats line: "8 {7}1 sda1 100 200 300 400"/,
    },
    {name: 'too few fields', input: '   8       0 sda 1 2 3 4 5 6 7 8 9 10\n', error: /not a diskstats line/},
    {
      name: 'a counter of 21 digits',
      input: `8 0 sda 1 2 ${'9'.repeat(21)} 4 5 6 7 8 9 10 11\n`,
      error: /not a diskstats line/,
    },
    {name: 'a counter not a number', input: '8 0 sda 1 2 3 4 5 6 7 8 9 x 11\n', error: /not a diskstats line/},
  ],
  parseDiskstats,
  undefined,
  'counters',
)

// What both refuse: the line reader they share (major, minor, name) decides these.
const MALFORMED: [string, string][] = [
  ['major not a number', 'x 0 sda 1 2 3 4 5 6 7 8 9 10 11'],
  ['minor not a number', '8 - sda 1 2 3 4 5 6 7 8 9 10 11'],
  ['major over 2^32', `${2 ** 32 + 1} 0 sda 1 2 3 4 5 6 7 8 9 10 11`],
  ['minor of 17 digits', `8 ${'1'.repeat(17)} sda 1 2 3 4 5 6 7 8 9 10 11`],
  ["a header line (a tool's output pasted in)", 'major minor name reads merged sectors ms x y z w v u'],
  ['garbage', 'garbage'],
]
for (const [name, line] of MALFORMED) {
  test(`both: ${name}, after a good line, fails the file with the line quoted`, () => {
    for (const parse of [parseDiskstats, parseDiskstatsNames]) {
      const got = parse(`${NEW}${line}\n`)
      assert.equal(got, {ok: false, reason: `not a diskstats line: "${line}"`}, parse.name)
    }
  })
}

test('both: major and minor up to 2^32', () => {
  const text = `${2 ** 32} ${2 ** 32} sda 1 2 3 4 5 6 7 8 9 10 11\n`
  assert.equal(parseDiskstatsNames(text), {ok: true, value: [d(2 ** 32, 2 ** 32, 'sda')]})
  assert.is(parseDiskstats(text).ok, true)
})

test.run()
