// The two cgroup versions label the same situation alike. Each case builds one v1 tree and one v2 tree that
// differ only in the version's file names, breaks them the same way (a missing line, a missing file, a
// denied file, text outside the format), and checks that the report gives the same kind of "no value" on
// both: the label is decided once, where the file is read (src/sysroot/outcome.ts), never per version.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {buildOwns, type OwnsReport} from '../../src/report/owns.js'
import type {UnknownKind} from '../../src/sysroot/outcome.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const LONG_MAX_4K = '9223372036854771712'
const DENIED = {kind: 'denied' as const, detail: 'permission denied (EACCES)'}

// v1: one hierarchy per controller, mounted at /sys/fs/cgroup/<name>; our cgroup is /c in each.
const V1_MOUNTS = {cpu: 'cpu,cpuacct', memory: 'memory', pids: 'pids'} as const
const V1_BASE: Record<string, string> = {
  'cpu/cpu.cfs_quota_us': '-1\n',
  'cpu/cpu.cfs_period_us': '100000\n',
  'cpu/cpu.shares': '1024\n',
  'cpu/cpu.stat': 'nr_periods 0\nnr_throttled 0\nthrottled_time 0\n',
  'cpu/cpuacct.usage': '0\n',
  'memory/memory.limit_in_bytes': `${LONG_MAX_4K}\n`,
  'memory/memory.memsw.limit_in_bytes': `${LONG_MAX_4K}\n`,
  'memory/memory.usage_in_bytes': '1000\n',
  'memory/memory.stat': 'inactive_file 0\ntotal_inactive_file 0\n',
  'memory/memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\noom_kill 0\n',
  'pids/pids.max': 'max\n',
  'pids/pids.current': '1\n',
}
// v2: one unified hierarchy at /sys/fs/cgroup; our cgroup is /c.
const V2_BASE: Record<string, string> = {
  'cgroup.controllers': 'cpu memory pids\n',
  'cpu.max': 'max 100000\n',
  'cpu.weight': '100\n',
  'cpu.stat': 'usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n',
  'memory.max': 'max\n',
  'memory.swap.max': 'max\n',
  'memory.current': '1000\n',
  'memory.stat': 'inactive_file 0\n',
  'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n',
  'pids.max': 'max\n',
  'pids.current': '1\n',
}

/** A file's new content, null to remove it, or DENIED to make it unreadable (as a capture manifest says). */
type Change = string | null | typeof DENIED

function v1Report(changes: Record<string, Change>, cgroupDir = '/c'): OwnsReport {
  const files: Record<string, string> = {
    '/proc/self/cgroup': '3:pids:/c\n2:memory:/c\n1:cpu,cpuacct:/c\n',
    '/proc/self/mountinfo': [
      '20 1 0:20 / /sys/fs/cgroup rw - tmpfs tmpfs rw',
      ...Object.values(V1_MOUNTS).map(
        (m, i) => `${21 + i} 20 0:${21 + i} / /sys/fs/cgroup/${m} rw - cgroup cgroup rw,${m}`,
      ),
      '',
    ].join('\n'),
  }
  const unreadable: Record<string, typeof DENIED> = {}
  const path = (key: string) => {
    const [ctrl, name] = key.split('/') as [keyof typeof V1_MOUNTS, string]
    return `/sys/fs/cgroup/${V1_MOUNTS[ctrl]}${cgroupDir}/${name}`
  }
  for (const [k, v] of Object.entries({...V1_BASE, ...changes})) {
    if (typeof v === 'string') files[path(k)] = v
    else if (v) unreadable[path(k)] = v
  }
  return buildOwns(treeSysroot({files, unreadable}))
}

function v2Report(changes: Record<string, Change>, cgroupDir = '/c'): OwnsReport {
  const files: Record<string, string> = {
    '/proc/self/cgroup': '0::/c\n',
    '/proc/self/mountinfo': '20 1 0:20 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n',
  }
  const unreadable: Record<string, typeof DENIED> = {}
  for (const [k, v] of Object.entries({...V2_BASE, ...changes})) {
    if (typeof v === 'string') files[`/sys/fs/cgroup${cgroupDir}/${k}`] = v
    else if (v) unreadable[`/sys/fs/cgroup${cgroupDir}/${k}`] = v
  }
  return buildOwns(treeSysroot({files, unreadable}))
}

type Case = {
  name: string
  v1: Record<string, Change>
  v2: Record<string, Change>
  /** Where the kind shows in the report, and the kind both versions must give. */
  kindOf: (r: OwnsReport) => UnknownKind | 'value' | 'unlimited' | undefined
  want: UnknownKind
  /** The same reason in substance, on both (a pattern both reasons match). */
  reason?: (r: OwnsReport) => string | undefined
  because?: RegExp
  cgroupDir?: string
}

const unknown = (key: string) => (r: OwnsReport) => r.debug.unknown[key]?.kind
const limitKind = (pick: (r: OwnsReport) => OwnsReport['cpu']['limit']) => (r: OwnsReport) => {
  const l = pick(r)
  return l.state === 'unknown' ? l.kind : l.state === 'limited' ? 'value' : 'unlimited'
}

const CASES: Case[] = [
  {
    name: 'a kernel before 4.13 prints no oom_kill line',
    v1: {'memory/memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\n'},
    v2: {'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\n'},
    kindOf: unknown('memory.oomKills'),
    want: 'absent',
    reason: (r) => r.debug.unknown['memory.oomKills']?.reason,
    because: /has no oom_kill line \(a kernel before 4\.13/,
  },
  {
    name: 'memory.stat does not exist',
    v1: {'memory/memory.stat': null},
    v2: {'memory.stat': null},
    kindOf: unknown('memory.workingSetBytes'),
    want: 'absent',
  },
  {
    name: 'memory.stat is not "key value"',
    v1: {'memory/memory.stat': 'this line is not key value\n'},
    v2: {'memory.stat': 'this line is not key value\n'},
    kindOf: unknown('memory.workingSetBytes'),
    want: 'malformed',
  },
  {
    name: 'memory.stat has no inactive file line',
    v1: {'memory/memory.stat': 'cache 0\n'},
    v2: {'memory.stat': 'anon 0\n'},
    kindOf: unknown('memory.inactiveFileBytes'),
    want: 'absent',
  },
  {
    name: 'the memory limit file is denied',
    v1: {'memory/memory.limit_in_bytes': DENIED},
    v2: {'memory.max': DENIED},
    kindOf: limitKind((r) => r.memory.limit),
    want: 'denied',
  },
  {
    name: 'the CPU quota file is not a number',
    v1: {'cpu/cpu.cfs_quota_us': 'banana\n'},
    v2: {'cpu.max': 'banana\n'},
    kindOf: limitKind((r) => r.cpu.limit),
    want: 'malformed',
  },
  {
    name: 'cpu.stat has no throttling lines',
    v1: {'cpu/cpu.stat': 'wait_sum 0\n'},
    v2: {'cpu.stat': 'usage_usec 0\nuser_usec 0\nsystem_usec 0\n'},
    kindOf: unknown('cpu.throttling'),
    want: 'absent',
  },
  {
    name: 'swap accounting is off: no memsw file (v1), no memory.swap.max (v2)',
    v1: {'memory/memory.memsw.limit_in_bytes': null},
    v2: {'memory.swap.max': null},
    kindOf: limitKind((r) => r.memory.swapLimit),
    want: 'absent',
    reason: (r) => (r.memory.swapLimit.state === 'unknown' ? r.memory.swapLimit.reason : undefined),
    because: /swap accounting is off/,
  },
  {
    name: 'pids.current is denied',
    v1: {'pids/pids.current': DENIED},
    v2: {'pids.current': DENIED},
    kindOf: unknown('pids.current'),
    want: 'denied',
  },
  {
    name: 'the usage file does not exist',
    v1: {'memory/memory.usage_in_bytes': null},
    v2: {'memory.current': null},
    kindOf: unknown('memory.usageBytes'),
    want: 'absent',
  },
  {
    // /proc/self/cgroup says /c, but the files sit in /elsewhere: the directory computed is gone.
    name: 'the cgroup directory is not there',
    v1: {},
    v2: {},
    cgroupDir: '/elsewhere',
    kindOf: limitKind((r) => r.memory.limit),
    want: 'absent',
    reason: (r) => (r.memory.limit.state === 'unknown' ? r.memory.limit.reason : undefined),
    because: /\/c does not exist/,
  },
]

for (const c of CASES) {
  test(`v1 and v2 agree: ${c.name} -> ${c.want}`, () => {
    const a = v1Report(c.v1, c.cgroupDir)
    const b = v2Report(c.v2, c.cgroupDir)
    assert.is(c.kindOf(a), c.want, `v1: ${JSON.stringify(a.debug.unknown)}`)
    assert.is(c.kindOf(b), c.want, `v2: ${JSON.stringify(b.debug.unknown)}`)
    if (c.reason && c.because) {
      assert.match(c.reason(a) ?? '', c.because, 'v1 reason')
      assert.match(c.reason(b) ?? '', c.because, 'v2 reason')
    }
  })
}

test('v1 and v2 agree: the well-formed base trees read with no unknown limit', () => {
  for (const r of [v1Report({}), v2Report({})]) {
    assert.equal(
      [r.cpu.limit.state, r.memory.limit.state, r.memory.swapLimit.state, r.pids.limit.state],
      ['unlimited', 'unlimited', 'unlimited', 'unlimited'],
    )
    assert.equal(
      Object.values(r.debug.unknown).filter((u) => u.kind !== 'absent'),
      [],
    )
  }
})

test.run()
