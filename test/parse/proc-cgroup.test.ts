import {test} from 'uvu'
import {tableTests} from '../helpers/table.js'
import {parseProcCgroup, type CgroupLine} from '../../src/parse/proc-cgroup.js'

type Case = {name: string; input: string} & ({want: CgroupLine[]} | {error: RegExp})

const cases: Case[] = [
  {name: 'v2 only: 0::/', input: '0::/\n', want: [{hierarchyId: 0, controllers: [], path: '/'}]},
  {
    name: 'v2 nested path',
    input: '0::/kubepods/pod1/abc\n',
    want: [{hierarchyId: 0, controllers: [], path: '/kubepods/pod1/abc'}],
  },
  {
    name: 'v1 comma-joined controllers',
    input: '4:cpu,cpuacct:/docker/0123abcd\n',
    want: [{hierarchyId: 4, controllers: ['cpu', 'cpuacct'], path: '/docker/0123abcd'}],
  },
  {
    name: 'v1 named hierarchy name=systemd',
    input: '1:name=systemd:/user.slice\n',
    want: [{hierarchyId: 1, controllers: ['name=systemd'], path: '/user.slice'}],
  },
  {
    name: 'hybrid: v1 lines plus the v2 0:: line',
    input: '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n0::/docker/abc\n',
    want: [
      {hierarchyId: 12, controllers: ['memory'], path: '/docker/abc'},
      {hierarchyId: 4, controllers: ['cpu', 'cpuacct'], path: '/docker/abc'},
      {hierarchyId: 1, controllers: ['name=systemd'], path: '/docker/abc'},
      {hierarchyId: 0, controllers: [], path: '/docker/abc'},
    ],
  },
  {
    name: 'path containing ":"',
    input: '0::/system.slice/a:b.service\n',
    want: [{hierarchyId: 0, controllers: [], path: '/system.slice/a:b.service'}],
  },
  {
    name: 'v1 path containing several ":"',
    input: '3:pids:/x:y:z\n',
    want: [{hierarchyId: 3, controllers: ['pids'], path: '/x:y:z'}],
  },
  {
    name: 'blank lines and CRLF are tolerated',
    input: '\n1:name=systemd:/\r\n\r\n0::/\r\n',
    want: [
      {hierarchyId: 1, controllers: ['name=systemd'], path: '/'},
      {hierarchyId: 0, controllers: [], path: '/'},
    ],
  },
  {name: 'missing both colons', input: '0/\n', error: /expected "id:controllers:path"/},
  {name: 'missing one colon', input: '0:/\n', error: /expected "id:controllers:path"/},
  {name: 'non-numeric hierarchy id', input: 'x::/\n', error: /bad hierarchy id/},
  {name: 'negative hierarchy id', input: '-1::/\n', error: /bad hierarchy id/},
  {name: 'empty hierarchy id', input: '::/\n', error: /bad hierarchy id/},
  {name: 'relative path', input: '0::system.slice\n', error: /not absolute/},
  {name: 'empty path', input: '0::\n', error: /not absolute/},
  {
    name: 'one bad line among good ones fails',
    input: '0::/\n5:cpu\n',
    error: /expected "id:controllers:path", got "5:cpu"/,
  },
  {name: 'empty file', input: '', error: /empty \/proc\/self\/cgroup/},
  {name: 'blank lines only', input: '\n\n  \n', error: /empty \/proc\/self\/cgroup/},
]

tableTests(test, cases, parseProcCgroup)

test.run()
