// Every tool guestview explains, on two fixtures that differ only in lxcfs: explain-v2-plain (a Docker
// container on a 64 GiB, 8-CPU host: every /proc file host-wide) and explain-v2-lxcfs (the same cgroup with
// lxcfs mounted over meminfo, cpuinfo, stat, uptime, loadavg, diskstats, swaps and cpu/online). Each
// explanation must carry this container's live numbers as number tokens with units, the scope the
// classifier found for each source it reads, and wording that changes where lxcfs changes the scope.
import {effectiveCoresBasis} from '../../src/model/cpu.js'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import * as units from '../../src/units/units.js'
import {TOOLS, explainWith} from '../../src/explain/registry.js'
import type {Unit} from '../../src/doc/tokens.js'
import type {Explanation} from '../../src/explain/types.js'
import type {FullReport} from '../../src/report/full.js'
import {LXCFS_SOURCES} from '../helpers/lxcfs-files.js'
import {REPO} from '../helpers/paths.js'
import {
  LXCFS,
  PLAIN,
  badValues,
  describeNumbers,
  field,
  fixtureNames,
  flatText,
  hasNumber,
  reportOf,
  tokens,
} from './lib.js'

// The values written into the fixtures (see their NOTE.md and docker-v2-private's).
const GiB = 1024 ** 3
const LIMIT = 1 * GiB
const HOST_TOTAL = 64 * GiB
const WORKING_SET = 331218944 - 104247296
const CORES = 1.5
const HOST_CPUS = 8

type Check = (e: Explanation, r: FullReport, fixture: string) => void

function num(e: Explanation, value: number, unit: Unit, what: string): void {
  assert.ok(
    hasNumber(e, value, unit),
    `${e.tool}: no number token ${value} ${unit} (${what}); numbers: ${describeNumbers(e)}`,
  )
}
function scopeOf(e: Explanation, source: string): string {
  const s = e.reads.find((x) => x.source === source)
  if (!s) assert.unreachable(`${e.tool}: does not read ${source} (reads ${e.reads.map((x) => x.source).join(', ')})`)
  return s?.scope ?? '(not read)'
}
function scopes(e: Explanation, expected: Record<string, string>): void {
  for (const [source, scope] of Object.entries(expected))
    assert.is(scopeOf(e, source), scope, `${e.tool}: scope of ${source}`)
}
function has(text: string, needle: string | RegExp, what: string): void {
  if (typeof needle === 'string') assert.ok(text.includes(needle), `${what}: expected "${needle}" in: ${text}`)
  else assert.match(text, needle, what)
}
function hasNot(text: string, needle: string | RegExp, what: string): void {
  if (typeof needle === 'string')
    assert.not.ok(text.includes(needle), `${what}: did not expect "${needle}" in: ${text}`)
  else assert.not.match(text, needle, what)
}
const lx = (fixture: string) => fixture === LXCFS

/** sysstat's "(N CPU)": the host's online CPUs; under lxcfs, worded as lxcfs's count (sysstat still counts the host's). */
function sysstatHeader(e: Explanation, fx: string): void {
  num(e, CORES, 'cores', 'effective cores')
  num(e, lx(fx) ? 2 : HOST_CPUS, 'count', 'CPUs online')
  const h = field(e, '(N CPU) in the header')
  if (lx(fx)) has(h, "lxcfs does not cover: still the host's CPUs", 'sysstat CPU count under lxcfs')
  else has(h, 'the CPUs the kernel has online', 'sysstat CPU count')
}

const CHECKS: Record<string, Check> = {
  uptime: (e, _r, fx) => {
    num(e, CORES, 'cores', 'effective cores')
    num(e, 4.814149, 'seconds', 'CPU used by the cgroup')
    if (lx(fx)) {
      scopes(e, {'/proc/loadavg': 'virtualized', '/proc/uptime': 'virtualized'})
      for (const l of [0.84, 0.61, 0.4]) num(e, l, 'load', 'lxcfs load')
      has(field(e, 'up …'), 'lxcfs', 'uptime "up" under lxcfs')
      has(field(e, 'load average'), 'virtualized by lxcfs', 'load under lxcfs')
    } else {
      scopes(e, {'/proc/loadavg': 'host', '/proc/uptime': 'host'})
      for (const l of [6.18, 5.42, 4.97]) num(e, l, 'load', 'host load')
      has(field(e, 'up …'), 'host kernel booted', 'uptime "up" host-wide')
      has(field(e, 'load average'), 'host-wide', 'load host-wide')
      // PID 1 started 7200 s ago: the average use is usage / age.
      num(e, 4.814149 / 7200, 'cores', 'average cores since PID 1 started')
    }
    hasNot(field(e, 'up …'), /\s\s/, 'no double space')
  },
  dmesg: (e) => {
    scopes(e, {'/dev/kmsg': 'unavailable'})
    num(e, 2, 'count', 'OOM kills of this cgroup')
    has(flatText(e), '/sys/fs/cgroup/memory.events', 'OOM kill source')
  },
  vmstat: (e, _r, fx) => {
    num(e, CORES, 'cores', 'effective cores')
    num(e, LIMIT, 'bytes', 'memory limit')
    num(e, WORKING_SET, 'bytes', 'working set')
    scopes(
      e,
      lx(fx)
        ? {'/proc/stat': 'virtualized', '/proc/meminfo': 'virtualized', '/proc/vmstat': 'host'}
        : {'/proc/stat': 'host', '/proc/meminfo': 'host', '/proc/vmstat': 'host'},
    )
    has(field(e, 'swpd free buff cache'), lx(fx) ? 'lxcfs' : 'host-wide', 'memory columns')
  },
  mpstat: (e, _r, fx) => {
    sysstatHeader(e, fx)
    has(field(e, 'CPU rows'), '0-3', 'the cpuset')
    if (lx(fx)) {
      scopes(e, {'/proc/stat': 'virtualized'})
      num(e, 2, 'count', 'CPUs lxcfs shows online')
      has(field(e, '(N CPU) in the header'), 'lxcfs', 'CPU count under lxcfs')
    } else {
      scopes(e, {'/proc/stat': 'host'})
      num(e, HOST_CPUS, 'count', 'host CPUs')
      has(field(e, '%usr %sys … %idle'), 'host-wide', 'percentages host-wide')
    }
  },
  pidstat: (e, _r, fx) => {
    scopes(e, {'/proc/<pid>': 'namespaced'})
    num(e, CORES, 'cores', 'effective cores')
    num(e, 150, 'percent', 'quota as %CPU')
    sysstatHeader(e, fx)
  },
  iostat: (e, _r, fx) => {
    // io.stat: 8:0 rbytes=5242880 wbytes=1048576, 259:0 rbytes=20971520
    num(e, 5242880 + 20971520, 'bytes', 'own bytes read (io.stat)')
    num(e, 1048576, 'bytes', 'own bytes written (io.stat)')
    has(flatText(e), '/sys/fs/cgroup/io.stat', 'io.stat path')
    has(flatText(e), '/sys/fs/cgroup/io.max', 'io.max path')
    if (lx(fx)) {
      scopes(e, {'/proc/diskstats': 'virtualized', '/proc/stat': 'virtualized'})
      has(field(e, 'Device rows'), 'lxcfs', 'devices under lxcfs')
    } else {
      scopes(e, {'/proc/diskstats': 'host', '/proc/stat': 'host'})
      has(field(e, 'Device rows'), 'the 4 devices', 'host devices (loop filtered)')
      has(field(e, 'Device rows'), 'host-wide', 'devices host-wide')
    }
  },
  free: (e, _r, fx) => {
    num(e, LIMIT, 'bytes', 'memory limit')
    num(e, WORKING_SET, 'bytes', 'working set')
    num(e, LIMIT - WORKING_SET, 'bytes', 'headroom')
    num(e, 2, 'count', 'OOM kills')
    num(e, 1 * GiB, 'bytes', 'swap limit (memory.swap.max)')
    if (lx(fx)) {
      scopes(e, {'/proc/meminfo': 'virtualized', '/proc/swaps': 'virtualized'})
      has(field(e, 'total'), 'lxcfs', '"total" under lxcfs')
      hasNot(field(e, 'total'), "host's MemTotal", '"total" under lxcfs')
      has(field(e, 'total'), '1 GiB', 'the total lxcfs shows')
      hasNot(flatText(e), '64 GiB', 'no host total under lxcfs')
    } else {
      scopes(e, {'/proc/meminfo': 'host', '/proc/swaps': 'host'})
      num(e, HOST_TOTAL, 'bytes', 'host MemTotal')
      has(field(e, 'total'), "the host's MemTotal (64 GiB)", '"total" host-wide')
      has(field(e, 'available'), 'host-wide', '"available" host-wide')
    }
  },
  'sar -n DEV': (e, _r, fx) => {
    scopes(e, {'/proc/net/dev': 'namespaced'})
    has(flatText(e), 'eth0', 'the interfaces of the namespace')
    sysstatHeader(e, fx)
  },
  'sar -n TCP,ETCP': (e, _r, fx) => {
    scopes(e, {'/proc/net/snmp': 'namespaced'})
    has(flatText(e), "this container's own network namespace", 'namespace wording')
    sysstatHeader(e, fx)
  },
  top: (e, _r, fx) => {
    scopes(e, {'/proc/<pid>': 'namespaced'})
    num(e, CORES, 'cores', 'effective cores')
    num(e, LIMIT, 'bytes', 'memory limit')
    num(e, WORKING_SET, 'bytes', 'working set')
    const v = lx(fx) ? 'virtualized' : 'host'
    scopes(e, {'/proc/loadavg': v, '/proc/uptime': v, '/proc/stat': v, '/proc/meminfo': v})
    if (lx(fx)) has(field(e, '%MEM'), 'lxcfs', '%MEM under lxcfs')
    else {
      num(e, HOST_TOTAL, 'bytes', 'host MemTotal in %MEM')
      has(field(e, '%MEM'), "host's MemTotal", '%MEM host-wide')
    }
  },
  ps: (e, _r, fx) => {
    scopes(e, {'/proc/<pid>': 'namespaced', '/proc/meminfo': lx(fx) ? 'virtualized' : 'host'})
    num(e, 7, 'count', 'pids.current')
    num(e, 100, 'count', 'pids.max')
    has(field(e, 'PID'), 'node', 'PID 1 comm')
    has(field(e, '%MEM'), lx(fx) ? 'lxcfs' : "host's MemTotal", '%MEM')
  },
  nproc: (e, _r, fx) => {
    num(e, 4, 'count', 'CPUs in the affinity mask (cpuset 0-3)')
    num(e, CORES, 'cores', 'the quota')
    const online = field(e, 'getconf / lscpu / os.cpus()')
    if (lx(fx)) {
      scopes(e, {'/sys/devices/system/cpu/online': 'virtualized', '/proc/cpuinfo': 'virtualized'})
      num(e, 2, 'count', 'CPUs lxcfs shows online')
      has(online, 'lxcfs', 'online CPUs under lxcfs')
    } else {
      scopes(e, {'/sys/devices/system/cpu/online': 'host', '/proc/cpuinfo': 'host'})
      num(e, HOST_CPUS, 'count', 'host CPUs online')
      has(online, 'host', 'online CPUs host-wide')
    }
  },
  df: (e, r) => {
    assert.is(r.hostView.rootFs?.fsType, 'overlay')
    has(flatText(e), 'the root is overlay', 'root filesystem')
    scopes(e, {'/proc/self/mountinfo': 'namespaced'})
  },
  perf: (e) => {
    // Seccomp filter, no CAP_SYS_ADMIN/CAP_PERFMON: blocked.
    scopes(e, {'perf_event_open(2)': 'unavailable'})
    num(e, 2, 'plain', 'perf_event_paranoid')
    num(e, 1, 'plain', 'kptr_restrict')
    has(flatText(e), 'perf is blocked here', 'verdict')
  },
  'docker stats': (e) => {
    num(e, WORKING_SET, 'bytes', 'MEM USAGE = working set')
    num(e, LIMIT, 'bytes', 'LIMIT')
    num(e, 150, 'percent', 'CPU % ceiling')
    num(e, CORES, 'cores', 'effective cores')
    num(e, 7, 'count', 'PIDS')
    scopes(e, {'cgroup files (from the host)': 'cgroup'})
  },
  'kubectl top': (e) => {
    num(e, WORKING_SET, 'bytes', 'MEMORY = working set')
    num(e, 1500, 'plain', 'CPU limit in millicores')
    has(flatText(e), '1500m', 'millicores')
  },
  cgroup: (e) => {
    scopes(e, {'cgroup files': 'cgroup'})
    const paths = tokens(e)
      .filter((t) => t.t === 'path')
      .map((t) => (t as {text: string}).text)
    for (const p of [
      '/sys/fs/cgroup/cpu.max',
      '/sys/fs/cgroup/cpu.stat',
      '/sys/fs/cgroup/memory.max',
      '/sys/fs/cgroup/memory.events',
      '/sys/fs/cgroup/pids.max',
    ]) {
      assert.ok(paths.includes(p), `cgroup: no path token ${p} (paths: ${paths.join(', ')})`)
    }
  },
}

test('every tool in TOOLS has a live-number check here', () => {
  assert.equal(
    TOOLS.map((t) => t.tool).filter((t) => !CHECKS[t]),
    [],
  )
})

for (const fixture of [PLAIN, LXCFS]) {
  for (const spec of TOOLS) {
    test(`${fixture}: ${spec.tool} carries the live numbers and the scopes found`, () => {
      const r = reportOf(fixture)
      const e = explainWith(spec, r)
      assert.is(e.tool, spec.tool)
      CHECKS[spec.tool]!(e, r, fixture)
    })
  }
}

test('the lxcfs fixture is classified as lxcfs, the plain one as host-wide', () => {
  for (const s of LXCFS_SOURCES) {
    assert.is(reportOf(PLAIN).views.find((v) => v.source === s)?.scope, 'host', `plain: ${s}`)
    assert.is(reportOf(LXCFS).views.find((v) => v.source === s)?.scope, 'virtualized', `lxcfs: ${s}`)
  }
  assert.is(reportOf(LXCFS).host.meminfoVirtualized, true)
  assert.is(reportOf(PLAIN).host.meminfoVirtualized, false)
})

test('scopes come from the classifier: every source that the classifier knows has its scope and evidence', () => {
  for (const name of fixtureNames()) {
    const r = reportOf(name)
    for (const spec of TOOLS) {
      const e = explainWith(spec, r)
      for (const s of e.reads) {
        const v = r.views.find((x) => x.source === s.source)
        if (!v) continue // host-side and tool-specific sources (docker stats, perf, df) are described, not classified
        assert.is(s.scope, v.scope, `${name}: ${spec.tool} reads ${s.source}`)
        assert.is(s.evidence, v.evidence, `${name}: ${spec.tool} evidence of ${s.source}`)
      }
    }
  }
})

test('tools whose sources lxcfs serves read differently on the lxcfs fixture', () => {
  // Sources lxcfs covers: their scope changes. sysstat's CPU count (pidstat, sar) is worded differently too.
  const lxcfsSources = ['uptime', 'vmstat', 'mpstat', 'iostat', 'free', 'top', 'ps', 'nproc']
  const lxcfsWording = [...lxcfsSources, 'pidstat', 'sar -n DEV', 'sar -n TCP,ETCP']
  for (const spec of TOOLS) {
    const a = explainWith(spec, reportOf(PLAIN))
    const b = explainWith(spec, reportOf(LXCFS))
    const sameScopes = JSON.stringify(a.reads.map((s) => s.scope)) === JSON.stringify(b.reads.map((s) => s.scope))
    assert.is(
      sameScopes,
      !lxcfsSources.includes(spec.tool),
      `${spec.tool}: scopes ${sameScopes ? 'equal' : 'differ'} on the two fixtures`,
    )
    if (lxcfsWording.includes(spec.tool))
      assert.is.not(flatText(a), flatText(b), `${spec.tool}: same wording on both fixtures`)
  }
})

// --- tokens ------------------------------------------------------------------------------------------

const UNITS = new Set(['bytes', 'cores', 'count', 'seconds', 'percent', 'load', 'plain'])

test('every explanation on every fixture: no undefined/NaN anywhere, numbers are finite tokens with units', () => {
  for (const name of fixtureNames()) {
    const r = reportOf(name)
    for (const spec of TOOLS) {
      const e = explainWith(spec, r)
      assert.equal(badValues(e), [], `${name}: ${spec.tool}`)
      const json = JSON.stringify(e)
      assert.equal(JSON.parse(json), e, `${name}: ${spec.tool} does not survive JSON`)
      for (const t of tokens(e)) {
        if (t.t === 'number') {
          assert.ok(UNITS.has(t.unit), `${name}: ${spec.tool}: unit ${t.unit}`)
          assert.ok(t.value === null || Number.isFinite(t.value), `${name}: ${spec.tool}: value ${t.value}`)
        } else {
          assert.type(t.text, 'string', `${name}: ${spec.tool}: ${JSON.stringify(t)}`)
          assert.not.match(
            t.text,
            /\bundefined\b|\bNaN\b|\[object Object\]|Infinity/,
            `${name}: ${spec.tool}: ${t.text}`,
          )
        }
      }
      assert.not.match(flatText(e), /\bundefined\b|\bNaN\b|\[object Object\]/, `${name}: ${spec.tool}`)
    }
  }
})

// A number written into a text or warning token is a live value that escaped the token model, unless the
// text is static: it appears word for word in the explanation sources (examples, formulas, file formats).
// Quoted prose of the model (probe verdicts, classifier evidence, the basis of effective cores, limit
// reasons) and identifiers (the cpuset list, device numbers) are not quantities and are left out.
const SRC_DIR = join(REPO, 'src', 'explain')
const SOURCES = [SRC_DIR, join(SRC_DIR, 'tools')]
  .flatMap((d) =>
    readdirSync(d)
      .filter((n) => n.endsWith('.ts'))
      .map((n) => readFileSync(join(d, n), 'utf8')),
  )
  .join('\n')
  .replace(/\\'/g, "'")

test('live numbers are number tokens, not digits inside text', () => {
  const problems: string[] = []
  for (const name of fixtureNames()) {
    const r = reportOf(name)
    const prose = [r.probes.dmesg.why, r.probes.perf.why, effectiveCoresBasis(r.cpu), ...r.views.map((v) => v.evidence)]
    for (const l of [r.cpu.limit, r.memory.limit, r.memory.swapLimit, r.pids.limit])
      if (l.state === 'unknown') prose.push(l.reason)
    const ids = [units.cpuList(r.cpu.cpuset), (r.io.limits ?? []).map((l) => l.device).join(', ')]
    for (const spec of TOOLS) {
      for (const t of tokens(explainWith(spec, r))) {
        if (t.t !== 'text' && t.t !== 'warning') continue
        if (!/(?<![A-Za-z])\d/.test(t.text) || SOURCES.includes(t.text) || ids.includes(t.text)) continue
        if (prose.some((w) => w.length > 0 && t.text.includes(w))) continue
        problems.push(`${name}: ${spec.tool}: ${JSON.stringify(t.text)}`)
      }
    }
  }
  assert.equal(problems, [])
})

test('the explanation JSON keeps the live values used', () => {
  const e = TOOLS.find((t) => t.tool === 'free')!.explain(reportOf(PLAIN))
  assert.is(e.live.memTotalBytes, HOST_TOTAL)
  assert.is(e.live.workingSetBytes, WORKING_SET)
  assert.equal((e.live.limit as {value: number}).value, LIMIT)
  assert.is(e.live.meminfoVirtualized, false)
  assert.is(TOOLS.find((t) => t.tool === 'free')!.explain(reportOf(LXCFS)).live.meminfoVirtualized, true)
  assert.is(units.bytes(HOST_TOTAL), '64 GiB')
})

test.run()
