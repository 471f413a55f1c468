// /proc/PID/status (proc(5)), capability masks and uid_map/gid_map (user_namespaces(7)): table tests,
// malformed input included. Parsers never throw: a value or an error naming the offending input.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {tableTests} from '../helpers/table.js'
import {parseCapMask, parseIdMap, parseProcStatus, type IdMapLine} from '../../src/parse/proc-status.js'

// A real status of a process in a Docker container (6.x kernel), trimmed of the Vm* lines.
const DOCKER_STATUS = [
  'Name:\tnode',
  'Umask:\t0022',
  'State:\tS (sleeping)',
  'Tgid:\t7',
  'Pid:\t7',
  'PPid:\t1',
  'Uid:\t1000\t1000\t1000\t1000',
  'Gid:\t1000\t1000\t1000\t1000',
  'Groups:\t ',
  'NStgid:\t31337\t7',
  'NSpid:\t31337\t7',
  'CapInh:\t0000000000000000',
  'CapPrm:\t0000000000000000',
  'CapEff:\t0000000000000000',
  'CapBnd:\t00000000a80425fb',
  'CapAmb:\t0000000000000000',
  'NoNewPrivs:\t1',
  'Seccomp:\t2',
  'Seccomp_filters:\t1',
  'Speculation_Store_Bypass:\tthread force mitigated',
  'Cpus_allowed_list:\t0-3',
  'Mems_allowed:\t00000000,00000001',
  'x86_Thread_features:\t',
  '',
].join('\n')

type StatusCase = {name: string; input: string} & ({want: Record<string, string>} | {error: RegExp})

const statusCases: StatusCase[] = [
  {
    name: 'docker container status: values trimmed, empty values kept',
    input: DOCKER_STATUS,
    want: {
      Name: 'node',
      Umask: '0022',
      State: 'S (sleeping)',
      Tgid: '7',
      Pid: '7',
      PPid: '1',
      Uid: '1000\t1000\t1000\t1000',
      Gid: '1000\t1000\t1000\t1000',
      Groups: '',
      NStgid: '31337\t7',
      NSpid: '31337\t7',
      CapInh: '0000000000000000',
      CapPrm: '0000000000000000',
      CapEff: '0000000000000000',
      CapBnd: '00000000a80425fb',
      CapAmb: '0000000000000000',
      NoNewPrivs: '1',
      Seccomp: '2',
      Seccomp_filters: '1',
      Speculation_Store_Bypass: 'thread force mitigated',
      Cpus_allowed_list: '0-3',
      Mems_allowed: '00000000,00000001',
      x86_Thread_features: '',
    },
  },
  {
    name: 'a value with a colon keeps it (split at the first colon)',
    input: 'Name:\tweb:worker\n',
    want: {Name: 'web:worker'},
  },
  {name: 'CRLF line ends', input: 'Seccomp:\t2\r\nNoNewPrivs:\t0\r\n', want: {Seccomp: '2', NoNewPrivs: '0'}},
  {name: 'blank lines are skipped', input: '\nSeccomp:\t0\n\n\n', want: {Seccomp: '0'}},
  {name: 'no tab after the colon', input: 'Seccomp:2\n', want: {Seccomp: '2'}},
  {name: 'a repeated key: the last one wins', input: 'Seccomp:\t0\nSeccomp:\t2\n', want: {Seccomp: '2'}},
  {name: 'empty', input: '', error: /^empty status file$/},
  {name: 'only blank lines', input: '\n \n\t\n', error: /^empty status file$/},
  {
    name: 'a line without a colon',
    input: 'Name:\tnode\ngarbage line\n',
    error: /not a "Key: value" line: "garbage line"/,
  },
  {name: 'a line starting with a colon', input: ':\t2\n', error: /not a "Key: value" line: ":\\t2"/},
  {name: 'binary junk', input: '\u0000\u0001\u0002', error: /not a "Key: value" line/},
]

tableTests(test, statusCases, parseProcStatus, (v) => Object.fromEntries(v), 'status')

test('status: a huge malformed line is quoted short in the error', () => {
  const got = parseProcStatus('x'.repeat(10_000))
  assert.is(got.ok, false)
  if (!got.ok) assert.ok(got.reason.length < 120, got.reason)
})

type CapCase = {name: string; input: string} & ({want: bigint} | {error: RegExp})

const capCases: CapCase[] = [
  {name: 'none', input: '0000000000000000', want: 0n},
  {name: 'docker default', input: '00000000a80425fb', want: 0xa80425fbn},
  {name: 'all 41 (6.x)', input: '000001ffffffffff', want: (1n << 41n) - 1n},
  {name: 'all but CAP_SYS_RESOURCE (this VM)', input: '000001fffeffffff', want: ((1n << 41n) - 1n) & ~(1n << 24n)},
  {name: 'upper-case hex', input: '000001FFFFFFFFFF', want: (1n << 41n) - 1n},
  {name: 'surrounding whitespace', input: '\t00000000a80425fb \n', want: 0xa80425fbn},
  {name: 'full 64 bits', input: 'ffffffffffffffff', want: (1n << 64n) - 1n},
  {name: 'short mask', input: '1f', want: 0x1fn},
  {name: 'empty', input: '', error: /not a capability mask: ""/},
  {name: '17 digits', input: '00000000000000000', error: /not a capability mask/},
  {name: '0x prefix', input: '0x1f', error: /not a capability mask: "0x1f"/},
  {name: 'not hex', input: '00000000a80425fg', error: /not a capability mask/},
  {name: 'negative', input: '-1', error: /not a capability mask/},
  {name: 'names instead of a mask', input: 'cap_chown,cap_kill', error: /not a capability mask/},
]

tableTests(test, capCases, parseCapMask, undefined, 'cap mask')

type MapCase = {name: string; input: string} & ({want: IdMapLine[]} | {error: RegExp})

const mapCases: MapCase[] = [
  {
    name: 'initial namespace (identity over all ids)',
    input: '         0          0 4294967295\n',
    want: [{inside: 0, outside: 0, count: 4294967295}],
  },
  {
    name: 'rootless podman: root -> the user, then a subuid range',
    input: '         0       1000          1\n         1     100000      65536\n',
    want: [
      {inside: 0, outside: 1000, count: 1},
      {inside: 1, outside: 100000, count: 65536},
    ],
  },
  {name: 'tabs and no trailing newline', input: '0\t100000\t65536', want: [{inside: 0, outside: 100000, count: 65536}]},
  {name: 'empty (a new user namespace before its map is written)', input: '', want: []},
  {name: 'two fields', input: '0 0\n', error: /not an id map line: "0 0"/},
  {name: 'four fields', input: '0 0 1 2\n', error: /not an id map line/},
  {name: 'negative id', input: '0 -1 1\n', error: /not an id map line/},
  {name: 'words', input: 'root root 1\n', error: /not an id map line/},
  {name: 'good line then a bad one', input: '0 0 1\nx\n', error: /not an id map line: "x"/},
]

tableTests(test, mapCases, parseIdMap, undefined, 'id map')

test.run()
