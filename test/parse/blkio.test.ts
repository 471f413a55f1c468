import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseBlkioLimit, parseBlkioOps, type DeviceValue} from '../../src/parse/blkio.js'

type Case<T> = {name: string; input: string} & ({want: T} | {error: RegExp})

const limitCases: Case<DeviceValue[]>[] = [
  {name: 'limit: one device', input: '8:16  1048576\n', want: [{device: '8:16', value: 1048576n}]},
  {
    name: 'limit: two devices, in file order',
    input: '8:16 1048576\n253:0 2097152\n',
    want: [
      {device: '8:16', value: 1048576n},
      {device: '253:0', value: 2097152n},
    ],
  },
  {name: 'limit: empty file means no limits', input: '', want: []},
  {name: 'limit: blank lines only', input: '\n\n', want: []},
  {
    name: 'limit: u64 max stays exact',
    input: '8:0 18446744073709551615\n',
    want: [{device: '8:0', value: 18446744073709551615n}],
  },
  {name: 'limit: value without device', input: '1048576\n', error: /expected "MAJ:MIN VALUE", got "1048576"/},
  {name: 'limit: device without value', input: '8:16\n', error: /expected "MAJ:MIN VALUE", got "8:16"/},
  {name: 'limit: device name instead of MAJ:MIN', input: 'sda 1048576\n', error: /expected "MAJ:MIN VALUE"/},
  {name: 'limit: extra field', input: '8:16 1 2\n', error: /expected "MAJ:MIN VALUE"/},
  {name: 'limit: "max" is not a v1 value', input: '8:16 max\n', error: /not an unsigned integer: "max"/},
  {name: 'limit: negative value', input: '8:16 -1\n', error: /not an unsigned integer: "-1"/},
]

tableTests(test, limitCases, parseBlkioLimit)

type OpsEntry = [device: string, ops: [string, bigint][]]

const SERVICE_BYTES = [
  '8:16 Read 4096',
  '8:16 Write 8192',
  '8:16 Sync 8192',
  '8:16 Async 4096',
  '8:16 Discard 0',
  '8:16 Total 12288',
  '8:0 Read 1',
  '8:0 Write 0',
  '8:0 Sync 0',
  '8:0 Async 1',
  '8:0 Discard 0',
  '8:0 Total 1',
  'Total 12289',
  '',
].join('\n')

const opsCases: Case<OpsEntry[]>[] = [
  {
    name: 'ops: io_service_bytes with per-device and grand Total lines',
    input: SERVICE_BYTES,
    want: [
      [
        '8:16',
        [
          ['Read', 4096n],
          ['Write', 8192n],
          ['Sync', 8192n],
          ['Async', 4096n],
          ['Discard', 0n],
          ['Total', 12288n],
        ],
      ],
      [
        '8:0',
        [
          ['Read', 1n],
          ['Write', 0n],
          ['Sync', 0n],
          ['Async', 1n],
          ['Discard', 0n],
          ['Total', 1n],
        ],
      ],
    ],
  },
  {name: 'ops: grand Total only (no io yet)', input: 'Total 0\n', want: []},
  {name: 'ops: empty file', input: '', want: []},
  {
    name: 'ops: interleaved devices are grouped, first-seen order',
    input: '8:0 Read 1\n8:16 Read 2\n8:0 Write 3\n',
    want: [
      [
        '8:0',
        [
          ['Read', 1n],
          ['Write', 3n],
        ],
      ],
      ['8:16', [['Read', 2n]]],
    ],
  },
  {
    name: 'ops: u64 max stays exact',
    input: '8:0 Read 18446744073709551615\nTotal 18446744073709551615\n',
    want: [['8:0', [['Read', 18446744073709551615n]]]],
  },
  {name: 'ops: missing value', input: '8:16 Read\n', error: /expected "MAJ:MIN Op VALUE", got "8:16 Read"/},
  {name: 'ops: op without device', input: 'Read 5\n', error: /expected "MAJ:MIN Op VALUE", got "Read 5"/},
  {name: 'ops: non-numeric grand Total', input: 'Total x\n', error: /expected "MAJ:MIN Op VALUE", got "Total x"/},
  {name: 'ops: non-numeric value', input: '8:16 Read x\n', error: /not an unsigned integer: "x"/},
  {name: 'ops: negative value', input: '8:16 Read -1\n', error: /not an unsigned integer: "-1"/},
  {name: 'ops: limit-file line is not an ops line', input: '8:16 1048576\n', error: /expected "MAJ:MIN Op VALUE"/},
]

tableTests(test, opsCases, parseBlkioOps, (v) => v.map((e): OpsEntry => [e.device, [...e.ops]]))

test.run()
