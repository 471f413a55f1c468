import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {CPU_FIELDS, parseProcStat, type CpuTimes, type ProcStat} from '../../src/parse/proc-stat.js'

type Case = {name: string; input: string} & ({want: ProcStat} | {error: RegExp})

/** CpuTimes from up to 10 columns, in the kernel's order; missing columns are 0n. */
function times(...cols: bigint[]): CpuTimes {
  const t = {} as CpuTimes
  for (const [i, name] of CPU_FIELDS.entries()) t[name] = cols[i] ?? 0n
  return t
}

const FULL = [
  'cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0',
  'cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0',
  'cpu1 1359109 24399 550346 11138513 2476 0 3467 0 33211 0',
  'intr 1462898 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
  'ctxt 1990473',
  'btime 1062191376',
  'processes 2915',
  'procs_running 2',
  'procs_blocked 1',
  'softirq 183433 0 21755 12 39 1137 231 21459 2263',
  '',
].join('\n')

const cases: Case[] = [
  {
    name: 'full 10-column lines, per-cpu lines and scalars',
    input: FULL,
    want: {
      total: times(10132153n, 290696n, 3084719n, 46828483n, 16683n, 0n, 25195n, 0n, 175628n, 0n),
      perCpu: new Map([
        [0, times(1393280n, 32966n, 572056n, 13343292n, 6130n, 0n, 17875n, 0n, 23933n, 0n)],
        [1, times(1359109n, 24399n, 550346n, 11138513n, 2476n, 0n, 3467n, 0n, 33211n, 0n)],
      ]),
      ctxt: 1990473n,
      btime: 1062191376n,
      procsRunning: 2n,
      procsBlocked: 1n,
    },
  },
  {
    name: 'old 4-column lines: missing columns are 0n, absent scalars are null',
    input: 'cpu 10 20 30 40\ncpu0 10 20 30 40\n',
    want: {
      total: {
        user: 10n,
        nice: 20n,
        system: 30n,
        idle: 40n,
        iowait: 0n,
        irq: 0n,
        softirq: 0n,
        steal: 0n,
        guest: 0n,
        guestNice: 0n,
      },
      perCpu: new Map([[0, times(10n, 20n, 30n, 40n)]]),
      ctxt: null,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: '7-column lines (2.6.x)',
    input: 'cpu 1 2 3 4 5 6 7\n',
    want: {
      total: times(1n, 2n, 3n, 4n, 5n, 6n, 7n),
      perCpu: new Map(),
      ctxt: null,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: 'extra columns from a future kernel are ignored',
    input: 'cpu 1 2 3 4 5 6 7 8 9 10 11 12\n',
    want: {
      total: times(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n),
      perCpu: new Map(),
      ctxt: null,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: 'sparse per-cpu numbering (offline cpus)',
    input: 'cpu 4 3 2 1\ncpu0 1 1 1 1\ncpu7 2 2 2 2\ncpu63 3 3 3 3\n',
    want: {
      total: times(4n, 3n, 2n, 1n),
      perCpu: new Map([
        [0, times(1n, 1n, 1n, 1n)],
        [7, times(2n, 2n, 2n, 2n)],
        [63, times(3n, 3n, 3n, 3n)],
      ]),
      ctxt: null,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: 'counters past 2^53 stay exact',
    input: 'cpu 18446744073709551615 0 0 9007199254740993\nctxt 18446744073709551615\n',
    want: {
      total: times(18446744073709551615n, 0n, 0n, 9007199254740993n),
      perCpu: new Map(),
      ctxt: 18446744073709551615n,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: 'unknown lines are skipped, even ones named like Object.prototype members',
    input: 'page 1 2\nswap 3 4\nconstructor x\ntoString y\n__proto__ z\nhasOwnProperty\ncpu 1 2 3 4\nctxt 5\n',
    want: {
      total: times(1n, 2n, 3n, 4n),
      perCpu: new Map(),
      ctxt: 5n,
      btime: null,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {
    name: 'CRLF and tabs',
    input: 'cpu\t1\t2\t3\t4\r\nbtime 7\r\n',
    want: {
      total: times(1n, 2n, 3n, 4n),
      perCpu: new Map(),
      ctxt: null,
      btime: 7n,
      procsRunning: null,
      procsBlocked: null,
    },
  },
  {name: 'no aggregate cpu line', input: 'cpu0 1 2 3 4\ncpu1 1 2 3 4\nctxt 5\n', error: /no aggregate "cpu" line/},
  {name: 'empty', input: '', error: /no aggregate "cpu" line/},
  {name: 'too few cpu columns', input: 'cpu 1 2 3\n', error: /too few cpu columns: "cpu 1 2 3"/},
  {
    name: 'too few columns on a per-cpu line',
    input: 'cpu 1 2 3 4\ncpu0 1 2\n',
    error: /too few cpu columns: "cpu0 1 2"/,
  },
  {name: 'non-numeric cpu column', input: 'cpu 1 2 x 4\n', error: /cpu system: not an unsigned integer: "x"/},
  {name: 'negative cpu column', input: 'cpu 1 2 3 4\ncpu3 1 -2 3 4\n', error: /cpu3 nice: not an unsigned integer/},
  {name: 'non-numeric ctxt', input: 'cpu 1 2 3 4\nctxt abc\n', error: /ctxt: not an unsigned integer: "abc"/},
  {
    name: 'procs_running without a value',
    input: 'cpu 1 2 3 4\nprocs_running\n',
    error: /procs_running: not an unsigned integer: ""/,
  },
]

for (const c of cases) {
  test(c.name, () => {
    const got = parseProcStat(c.input)
    if ('error' in c) {
      assert.is(got.ok, false, `expected an error for ${JSON.stringify(c.input)}`)
      if (!got.ok) assert.match(got.reason, c.error)
    } else {
      if (!got.ok) assert.unreachable(`unexpected error: ${got.reason}`)
      else {
        assert.equal(got.value.total, c.want.total, 'total')
        assert.equal([...got.value.perCpu], [...c.want.perCpu], 'perCpu')
        assert.equal(got.value, c.want)
      }
    }
  })
}

test.run()
