// /proc/PID/stat and /proc/PID/cmdline (proc(5)): table tests. The stat lines are real ones, copied from
// this VM's /proc (2026-12-02), where the comm was set with prctl(PR_SET_NAME) to hold spaces and
// parentheses; the malformed ones are cut or edited from them.
import {test} from 'uvu'
import {parseCmdline, parsePidStat, type PidStat} from '../../src/parse/pid-stat.js'
import {tableTests} from '../helpers/table.js'

const KTHREADD =
  '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 14 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n'
const INIT =
  '1 (process_api) S 0 0 0 0 -1 4194560 134837 314096806 0 5848 624 1018 4083423 571513 10 -10 13 0 14 41807872 2639 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 2 0 0 0 0 0 0 0 0\n'
const NPM =
  '12972 (npm run build) S 12773 12773 27468 0 -1 4194304 6117 0 0 0 26 3 0 0 20 0 11 0 2566777 1119932416 13920 18446744073709551615 11988992 39846385 140734441646656 0 0 0 0 16781312 83458 0 0 0 17 1 0 0 0 0 0 90418888 90555584 623943680 140734441654987 140734441655015 140734441655015 140734441656298 0\n'
const ODD =
  '13624 (my (odd) comm) R 13419 13419 27457 0 -1 4194304 2887 6518 1 0 8 2 5 1 20 0 1 0 2569112 17162240 3423 18446744073709551615 94115358515200 94115358515541 140721155940784 0 0 0 0 16781312 2 0 0 0 17 1 0 0 0 0 0 94115358526896 94115358527512 94116006035456 140721155942533 140721155942697 140721155942697 140721155944399 0\n'

/** ODD with its comm replaced (the fields after it unchanged). */
const withComm = (comm: string) => ODD.replace('(my (odd) comm)', `(${comm})`)
/** INIT with field 22 (starttime) replaced. */
const withStart = (start: string) => INIT.replace(' 13 0 14 ', ` 13 0 ${start} `)

const odd = {pid: 13624, state: 'R', ppid: 13419, flags: 4194304, utimeTicks: 8, stimeTicks: 2, startTicks: 2569112}
/** PID 1 of INIT, as parsed. */
const init = {
  pid: 1,
  comm: 'process_api',
  state: 'S',
  ppid: 0,
  flags: 4194560,
  utimeTicks: 624,
  stimeTicks: 1018,
  startTicks: 14,
}

tableTests<PidStat>(
  test,
  [
    {
      name: 'a kernel thread (PF_KTHREAD), started at boot',
      input: KTHREADD,
      want: {
        pid: 2,
        comm: 'kthreadd',
        state: 'S',
        ppid: 0,
        flags: 2129984,
        utimeTicks: 0,
        stimeTicks: 0,
        startTicks: 14,
      },
    },
    {
      name: 'PID 1, busy for hours',
      input: INIT,
      want: init,
    },
    {
      name: 'comm with a space',
      input: NPM,
      want: {
        pid: 12972,
        comm: 'npm run build',
        state: 'S',
        ppid: 12773,
        flags: 4194304,
        utimeTicks: 26,
        stimeTicks: 3,
        startTicks: 2566777,
      },
    },
    {name: 'comm with spaces and parentheses', input: ODD, want: {...odd, comm: 'my (odd) comm'}},
    {name: 'comm that is a closing parenthesis', input: withComm(')'), want: {...odd, comm: ')'}},
    {name: 'comm that looks like the fields', input: withComm('x) S 0 1 2'), want: {...odd, comm: 'x) S 0 1 2'}},
    {name: 'empty comm', input: withComm(''), want: {...odd, comm: ''}},
    {name: 'no final newline', input: ODD.trim(), want: {...odd, comm: 'my (odd) comm'}},
    {
      name: 'starttime past 2^32',
      input: withStart('9000000000'),
      want: {...init, startTicks: 9000000000},
    },
    {name: 'starttime past 2^53', input: withStart('90071992547409930'), error: /starttime: out of range/},
    {name: 'starttime not a number', input: withStart('abc'), error: /no starttime field/},
    {name: 'negative starttime', input: withStart('-5'), error: /no starttime field/},
    {name: 'cut before starttime', input: INIT.split(' ').slice(0, 21).join(' '), error: /no starttime field/},
    {name: 'cut before stime', input: INIT.split(' ').slice(0, 14).join(' '), error: /no stime field/},
    {name: 'cut before utime', input: INIT.split(' ').slice(0, 13).join(' '), error: /no utime field/},
    {name: 'cut before flags', input: '42 (x) S 1 2', error: /no flags field/},
    {name: 'no state', input: '42 (x) 1 2 3', error: /no state field/},
    {name: 'no comm', input: '42 S 1 2 3', error: /no \(comm\)/},
    {name: 'closing before opening', input: '1 )node( S 0', error: /no \(comm\) in/},
    {name: 'no PID', input: ODD.slice(ODD.indexOf('(')), error: /no PID/},
    // found by test/fuzz/parsers (seed -1994501903): Number() of the digits gave Infinity
    {name: 'PID past 2^53', input: `${'9'.repeat(400)} ${ODD.slice(ODD.indexOf('('))}`, error: /pid: out of range/},
    {name: 'empty', input: '', error: /no \(comm\) in ""/},
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
