import {test} from 'uvu'
import {parseCmdline, parsePidStat, type PidStat} from '../../src/parse/pid-stat.js'
import {tableTests} from '../helpers/table.js'

const tail = '0 0 0 0 0 0 0 0 20 0 1 0 5150 1234567 100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'
tableTests<PidStat>(
  test,
  [
    {
      name: 'a shell',
      input: `4242 (sh) S 1 4242 4242 0 -1 4194560 ${tail}\n`,
      want: {pid: 4242, comm: 'sh', state: 'S', ppid: 1, flags: 4194560, startTicks: 5150},
    },
    {
      name: 'comm with spaces and parentheses',
      input: `77 (my (odd) comm) R 0 77 77 0 -1 4194304 ${tail}`,
      want: {pid: 77, comm: 'my (odd) comm', state: 'R', ppid: 0, flags: 4194304, startTicks: 5150},
    },
    {
      name: 'a kernel thread (PF_KTHREAD)',
      input: `2 (kthreadd) S 0 0 0 0 -1 2129984 ${tail}`,
      want: {pid: 2, comm: 'kthreadd', state: 'S', ppid: 0, flags: 2129984, startTicks: 5150},
    },
    {name: 'no comm', input: '42 S 1 2 3', error: /no \(comm\)/},
    {name: 'cut short', input: '42 (x) S 1 2', error: /no flags field/},
    {name: 'no PID', input: '(x) S 1 2 3 4 5 6', error: /no PID/},
    {name: 'empty', input: '', error: /no \(comm\)/},
  ],
  parsePidStat,
  (v) => v,
  'pid stat',
)

tableTests<string[]>(
  test,
  [
    {name: 'node with arguments', input: 'node\0/app/bin/run.js\0owns\0', want: ['node', '/app/bin/run.js', 'owns']},
    {name: 'an argument with a space', input: 'sh\0-c\0sleep 1\0', want: ['sh', '-c', 'sleep 1']},
    {name: 'kernel thread or zombie: empty', input: '', want: []},
    {
      name: 'a process that rewrote its args (no final NUL)',
      input: 'nginx: worker process',
      want: ['nginx: worker process'],
    },
  ],
  parseCmdline,
  (v) => v,
  'cmdline',
)

test.run()
