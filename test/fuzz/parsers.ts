// Property: every parser is total on hostile text. It never throws; a success holds no NaN, Infinity or
// undefined, and no negative count (only the signed formats may be negative); a failure has a message.
import fc from 'fast-check'
import {parseBlkioLimit, parseBlkioOps} from '../../src/parse/blkio.js'
import {parseCpuMax} from '../../src/parse/cpu-max.js'
import {parseCpuList} from '../../src/parse/cpulist.js'
import {parseFlatKeyed} from '../../src/parse/flat-keyed.js'
import {parseLoadavg} from '../../src/parse/loadavg.js'
import {parseMaxOrNumber} from '../../src/parse/max-or-number.js'
import {parseMeminfo} from '../../src/parse/meminfo.js'
import {parseMountinfo, visibleMounts} from '../../src/parse/mountinfo.js'
import {parseNestedKeyed} from '../../src/parse/nested-keyed.js'
import {parseDecimal, parseSafeInt} from '../../src/parse/numbers.js'
import {parseProcCgroup} from '../../src/parse/proc-cgroup.js'
import {parseDiskstats, parseDiskstatsNames} from '../../src/parse/diskstats.js'
import {parseUptime} from '../../src/parse/proc-misc.js'
import {parsePidStat} from '../../src/parse/pid-stat.js'
import {parseProcStat} from '../../src/parse/proc-stat.js'
import {parseCapMask, parseIdMap, parseProcStatus} from '../../src/parse/proc-status.js'
import {parsePsi} from '../../src/parse/psi.js'
import type {Parsed} from '../../src/parse/result.js'
import {parseS64, parseU64} from '../../src/parse/u64.js'
import {fileText, valueProblems} from './generators.js'

type Case = {name: string; parse: (text: string) => Parsed<unknown>; samples: string[]; signed?: boolean}

const MOUNTINFO = [
  '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n41 31 0:38 /.. /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw',
]

export const PARSERS: Case[] = [
  {name: 'blkio limit', parse: parseBlkioLimit, samples: ['8:16  1048576\n', '8:0 10\n259:0 20\n']},
  {name: 'blkio ops', parse: parseBlkioOps, samples: ['8:16 Read 4096\n8:16 Write 0\nTotal 8192\n']},
  {name: 'cpu.max', parse: parseCpuMax, samples: ['max 100000\n', '150000 100000\n', '50000\n']},
  {name: 'cpu list', parse: parseCpuList, samples: ['0-3,6,8-9\n', '0\n', '\n']},
  {
    name: 'flat keyed',
    parse: parseFlatKeyed,
    samples: ['nr_periods 52\nnr_throttled 3\nthrottled_usec 1234\n', 'usage_usec 10\n'],
  },
  {name: 'loadavg', parse: parseLoadavg, samples: ['0.20 0.18 0.12 1/80 11206\n']},
  {name: 'max or number', parse: parseMaxOrNumber, samples: ['max\n', '536870912\n']},
  {
    name: 'meminfo',
    parse: parseMeminfo,
    samples: ['MemTotal:       16344972 kB\nMemFree: 1 kB\nHugePages_Total:       0\n'],
  },
  {
    name: 'mountinfo',
    parse: (t) => {
      const r = parseMountinfo(t)
      return r.ok ? {ok: true, value: visibleMounts(r.value)} : r
    },
    samples: MOUNTINFO,
  },
  {
    name: 'nested keyed',
    parse: parseNestedKeyed,
    samples: [
      '8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353\n',
      '8:0 rbps=2097152 wbps=max cost.vrate=135.04 use_delay=-1\n',
    ],
    signed: true, // use_delay=-1 is a real value
  },
  {
    name: 'proc cgroup',
    parse: parseProcCgroup,
    samples: ['4:cpu,cpuacct:/docker/0123abcd\n1:name=systemd:/user.slice\n0::/k/a:b\n'],
  },
  {name: 'uptime', parse: parseUptime, samples: ['350735.47 234388.90\n']},
  {
    name: 'pid stat',
    parse: parsePidStat,
    samples: ['1 (my (odd) comm) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12345 1 2\n'],
  },
  {name: 'diskstats', parse: parseDiskstatsNames, samples: ['   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n']},
  {
    name: 'diskstats counters',
    parse: parseDiskstats,
    samples: ['   8       0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n', '   8       1 sda1 1 2 3 4\n'],
  },
  {
    name: 'proc stat',
    parse: parseProcStat,
    samples: [
      'cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0\ncpu0 1 2 3 4\nctxt 1990473\nbtime 1062191376\n',
    ],
  },
  {name: 'proc status', parse: parseProcStatus, samples: ['Name:\tnode\nCapEff:\t000001ffffffffff\nNSpid:\t1 2\n']},
  {name: 'cap mask', parse: parseCapMask, samples: ['000001ffffffffff']},
  {name: 'id map', parse: parseIdMap, samples: ['0 100000 65536\n']},
  {
    name: 'psi',
    parse: parsePsi,
    samples: ['some avg10=0.00 avg60=1.50 avg300=0.00 total=12345\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'],
  },
  {name: 'u64', parse: parseU64, samples: ['18446744073709551615\n', '0\n']},
  {name: 's64', parse: parseS64, samples: ['-1\n', '100000\n'], signed: true},
  {name: 'decimal', parse: (t) => parseDecimal(t), samples: ['0.20', '42']},
  {name: 'safe int', parse: (t) => parseSafeInt(t), samples: ['42']},
]

/** One property per parser; returns how many cases ran. Throws (fast-check's report) on a counterexample. */
export function checkParsers(runsPerParser: number, seed?: number): number {
  for (const c of PARSERS) {
    fc.assert(
      fc.property(fileText(c.samples), (text) => {
        const r = c.parse(text)
        if (r.ok) {
          const problems = valueProblems(r.value, c.signed ?? false)
          if (problems.length > 0) throw new Error(`${c.name}: ${problems.slice(0, 3).join('; ')}`)
        } else if (typeof r.reason !== 'string' || r.reason === '')
          throw new Error(`${c.name}: a failure without a message`)
      }),
      {numRuns: runsPerParser, ...(seed === undefined ? {} : {seed})},
    )
  }
  return runsPerParser * PARSERS.length
}
