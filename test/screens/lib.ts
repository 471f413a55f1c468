// Every human screen as a document, on one fixture (not a test file: the uvu pattern only picks *.test.ts).
// Titles name the fixture by its path in the repository, so the text does not depend on the checkout.
import {join} from 'node:path'
import {fromDeltas} from '../../src/diagnose/report.js'
import {computeDeltas, deltaOf, snapshot, type Delta, type Deltas} from '../../src/diagnose/sample.js'
import type {Doc} from '../../src/doc/blocks.js'
import {explain} from '../../src/explain/explain.js'
import type {RunResult} from '../../src/explain/run.js'
import {buildFull, type FullReport} from '../../src/report/full.js'
import {checkDoc} from '../../src/screens/check.js'
import {diagnoseDoc} from '../../src/screens/diagnose.js'
import {explainDoc, listDoc} from '../../src/screens/explain.js'
import {overviewDoc} from '../../src/screens/overview.js'
import {ownsDoc} from '../../src/screens/owns.js'
import {reportDoc} from '../../src/screens/report.js'
import {viewsDoc} from '../../src/screens/views.js'
import {fromCode, value} from '../../src/sysroot/outcome.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const NOW = new Date('2026-11-26T12:00:00Z')

export function fixtureReport(name: string): FullReport {
  const r = buildFull(new Sysroot(join(FIXTURES, name, 'root')), NOW)
  return {...r, root: `fixtures/${name}/root`}
}

/** Two snapshots of a fixture 2 s apart: a static tree, so every counter is flat. */
export function fixtureDeltas(name: string): Deltas {
  const root = join(FIXTURES, name, 'root')
  return computeDeltas(snapshot(new Sysroot(root), 0), snapshot(new Sysroot(root), 2000))
}

const screens = new Map<string, [string, Doc][]>()
/** Every screen of one fixture: name -> document (built once per fixture; tests only read them). */
export function screensOf(name: string): [string, Doc][] {
  let s = screens.get(name)
  if (!s) screens.set(name, (s = buildScreens(name)))
  return s
}

function buildScreens(name: string): [string, Doc][] {
  const r = fixtureReport(name)
  const all = explain(r, {all: true})
  const free = explain(r, {tool: 'free'})
  return [
    ['owns', ownsDoc(r)],
    ['views', viewsDoc(r.root, r.views)],
    ['check', checkDoc(r.root, r.findings)],
    ['report', reportDoc(r)],
    ['overview', overviewDoc(r)],
    ['diagnose', diagnoseDoc(fromDeltas(r.root, 2, fixtureDeltas(name)))],
    ['explain', listDoc()],
    ['explain free', free.ok ? explainDoc(free.tools) : []],
    ['explain --all', all.ok ? explainDoc(all.tools) : []],
  ]
}

// --- synthetic intervals for each verdict of the diagnosis ---------------------------------------------

const counter = (d: number | null, source: string): Delta =>
  d === null
    ? deltaOf(fromCode(source, 'EACCES'), fromCode(source, 'EACCES'), 2)
    : deltaOf(value(1000, source), value(1000 + d, source), 2)

/** Deltas over 2 s: throttled time and periods, switches, host busy/idle/steal and own usage, in seconds. */
export function interval(s: {
  throttled?: number | null
  throttledPeriods?: number | null
  switches?: number | null
  busy?: number | null
  idle?: number | null
  steal?: number
  own?: number | null
}): Deltas {
  const sw = counter(s.switches === undefined ? 4 : s.switches, '/sys/fs/cgroup/cpu/app/cgroup.procs')
  return {
    elapsedSeconds: 2.0512,
    throttling: {
      periods: counter(20, '/sys/fs/cgroup/cpu/app/cpu.stat'),
      throttledPeriods: counter(s.throttledPeriods ?? 0, '/sys/fs/cgroup/cpu/app/cpu.stat'),
      throttledSeconds: counter(s.throttled === undefined ? 0 : s.throttled, '/sys/fs/cgroup/cpu/app/cpu.stat'),
    },
    cpuUsageSeconds: counter(s.own === undefined ? 0.2 : s.own, '/sys/fs/cgroup/cpuacct/app/cpuacct.usage'),
    hiddenCpu: {visibleTop: null, localThrottledSeconds: counter(null, '/sys/fs/cgroup/cpu/app/cpu.stat.local')},
    cpuPressureSomeSeconds: counter(null, '/sys/fs/cgroup/unified/app/cpu.pressure'),
    memoryPressureSomeSeconds: counter(0.5, '/sys/fs/cgroup/unified/app/memory.pressure'),
    ioPressureSomeSeconds: counter(0.1, '/proc/pressure/io'),
    host: {
      busySeconds: counter(s.busy === undefined ? 1 : s.busy, '/proc/stat'),
      idleSeconds: counter(s.idle === undefined ? 3 : s.idle, '/proc/stat'),
      stealSeconds: counter(s.steal ?? 0, '/proc/stat'),
      cpus: 2,
      notHostWide: null,
    },
    nonvoluntarySwitches: {...sw, pids: 3, gone: 1, appeared: 0, reused: 0, notRead: 0, notReadAtLeast: false},
    oomKills: counter(0, '/sys/fs/cgroup/memory/app/memory.oom_control'),
    failcnt: counter(2, '/sys/fs/cgroup/memory/app/memory.failcnt'),
    io: {
      readBytes: counter(2 * 1024 ** 2, '/sys/fs/cgroup/blkio/app/blkio.throttle.io_service_bytes'),
      writeBytes: counter(6 * 1024 ** 2, '/sys/fs/cgroup/blkio/app/blkio.throttle.io_service_bytes'),
    },
    disk: {device: 'vda', busyShare: 0.42, queueLength: 0.8, devices: 3, source: '/proc/diskstats'},
    net: {
      rxBytes: counter(300_000, '/proc/net/dev'),
      txBytes: counter(100_000, '/proc/net/dev'),
      errors: counter(0, '/proc/net/dev'),
      drops: counter(4, '/proc/net/dev'),
      scope: 'container',
    },
    pidsMaxEvents: counter(1, '/sys/fs/cgroup/pids/app/pids.events'),
    levels: {
      pidsCurrent: 12,
      pidsCurrentSource: '/sys/fs/cgroup/pids/app/pids.current',
      pidsLimit: 64,
      pidsLimitSource: '/sys/fs/cgroup/pids/app/pids.max',
      limitCores: 0.5,
      limitSource: '/sys/fs/cgroup/cpu/app/cpu.cfs_quota_us',
      effectiveCores: 0.5,
      effectiveCoresBasis: 'min of quota 0.5 cores, 2 online CPUs',
      workingSetBytes: 128 * 1024 ** 2,
      memoryLimitBytes: 512 * 1024 ** 2,
      memoryLimitSource: '/sys/fs/cgroup/memory/app/memory.limit_in_bytes',
    },
  }
}

export const VERDICTS: [string, Deltas][] = [
  ['cap-throttled', interval({throttled: 1.6, throttledPeriods: 16, switches: 2000, idle: 0, steal: 0.4})],
  ['not-throttled', interval({})],
  ['not-throttled-dig-further', interval({switches: 800})],
  ['physical-cpu-throttled', interval({switches: 800, idle: 0.02, busy: 3.98, own: 3.9})],
  ['share-throttled', interval({switches: 800, idle: 0, busy: 4, own: 1.2})],
  ['unknown', interval({throttled: null, throttledPeriods: null, switches: null, own: null})],
]

export const diagnosisDoc = (deltas: Deltas): Doc => diagnoseDoc(fromDeltas('/', 2, deltas))

/** --run results of every kind, for the annotated-output block. */
export const RUNS: RunResult[] = [
  {
    argv: ['free', '-m'],
    status: 'ran',
    exitCode: 0,
    lines: [
      {text: '               total        used        free      shared  buff/cache   available', note: null},
      {text: 'Mem:           65536       30000       20000          64       13000       57344', note: 'host total'},
    ],
  },
  {argv: ['free', '-m'], status: 'not-installed', exitCode: null, lines: []},
  {argv: ['docker stats'], status: 'not-runnable', exitCode: null, message: 'runs on the host', lines: []},
  {argv: ['vmstat', '1', '2'], status: 'timed-out', exitCode: null, message: 'stopped after 5000 ms', lines: []},
]
