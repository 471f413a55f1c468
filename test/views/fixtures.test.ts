// The views classifier on the findings-* fixtures: every catalogue source with its expected scope and
// evidence; lxcfs checked file by file (a partial lxcfs setup virtualizes only what it bind-mounts);
// unreadable files become 'unavailable' with the reason; namespace evidence decides the namespaced views.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseMountinfo, visibleMounts} from '../../src/parse/mountinfo.js'
import {buildFull} from '../../src/report/full.js'
import {CAPTURE_MANIFEST, Sysroot} from '../../src/sysroot/sysroot.js'
import {CATALOGUE} from '../../src/views/catalogue.js'
import {mountCovering} from '../../src/views/classify.js'
import type {Scope, View} from '../../src/views/types.js'
import {LXCFS_SOURCES} from '../helpers/lxcfs-files.js'
import {fixtureRoot, fullFor} from '../helpers/report.js'

// source -> scope, for every catalogue source, per fixture.
const H: Scope = 'host'
const N: Scope = 'namespaced'
const V: Scope = 'virtualized'
const U: Scope = 'unavailable'
const C: Scope = 'cgroup'
const SOURCES = CATALOGUE.map((e) => e.source)
// Order: loadavg uptime meminfo stat cpuinfo online diskstats vmstat swaps psi-cpu psi-mem psi-io net/dev net/snmp <pid> kmsg hostname cgroup
const EXPECTED: Record<string, Scope[]> = {
  'findings-v2-1g-on-64g': [H, H, H, H, H, H, H, H, H, H, H, H, N, N, N, U, N, C],
  'findings-v2-throttled-oom': [H, H, H, H, H, H, H, H, H, H, H, H, H, H, N, H, H, C],
  'findings-v2-lxcfs': [V, V, V, V, V, V, V, H, V, H, H, H, N, N, N, U, N, C],
  'findings-v2-lxcfs-partial': [H, V, V, V, V, H, V, H, V, H, H, H, N, N, N, U, N, C],
  'findings-v2-quiet': [H, N, H, H, H, H, U, U, H, U, U, U, N, N, N, U, N, C],
}

const byName = (views: View[]) => new Map(views.map((v) => [v.source, v]))

test('the catalogue names every source of the issue, each with tools and what it shows', () => {
  assert.equal(SOURCES, [
    '/proc/loadavg',
    '/proc/uptime',
    '/proc/meminfo',
    '/proc/stat',
    '/proc/cpuinfo',
    '/sys/devices/system/cpu/online',
    '/proc/diskstats',
    '/proc/vmstat',
    '/proc/swaps',
    '/proc/pressure/cpu',
    '/proc/pressure/memory',
    '/proc/pressure/io',
    '/proc/net/dev',
    '/proc/net/snmp',
    '/proc/<pid>',
    '/dev/kmsg',
    '/proc/sys/kernel/hostname',
    'cgroup files',
  ])
  for (const e of CATALOGUE) {
    assert.ok(e.tools.length > 0, e.source)
    assert.ok(e.shows.length > 0, e.source)
  }
  const tools = (s: string) => CATALOGUE.find((e) => e.source === s)!.tools
  for (const t of ['uptime', 'top', 'w']) assert.ok(tools('/proc/loadavg').includes(t))
  for (const t of ['free', 'top', 'vmstat']) assert.ok(tools('/proc/meminfo').includes(t))
  for (const t of ['mpstat', 'sar -u']) assert.ok(tools('/proc/stat').includes(t))
  for (const t of ['iostat', 'sar -d']) assert.ok(tools('/proc/diskstats').includes(t))
  for (const t of ['ps', 'top', 'pidstat']) assert.ok(tools('/proc/<pid>').includes(t))
  assert.ok(tools('/proc/net/dev').includes('sar -n DEV'))
  assert.ok(tools('/proc/net/snmp').includes('netstat -s'))
  assert.ok(tools('/dev/kmsg').includes('dmesg'))
})

for (const [name, scopes] of Object.entries(EXPECTED)) {
  test(`${name}: every source with its scope and non-empty evidence`, () => {
    const views = fullFor(name).views
    assert.equal(
      views.map((v) => v.source),
      SOURCES,
    )
    const got = Object.fromEntries(views.map((v) => [v.source, v.scope]))
    const want = Object.fromEntries(SOURCES.map((s, i) => [s, scopes[i]]))
    assert.equal(got, want)
    for (const v of views) {
      assert.ok(v.evidence.trim().length > 10, `${name} ${v.source}: evidence ${JSON.stringify(v.evidence)}`)
      assert.not.match(v.evidence, /undefined|null|NaN|\[object/, `${name} ${v.source}: ${v.evidence}`)
    }
  })
}

test("full lxcfs: each of the eight files is virtualized with the mountinfo line as evidence; /proc/vmstat stays the host's", () => {
  const v = byName(fullFor('findings-v2-lxcfs').views)
  for (const s of LXCFS_SOURCES) {
    assert.is(v.get(s)!.scope, 'virtualized', s)
    assert.is(
      v.get(s)!.evidence,
      `mountinfo: ${s} is a fuse.lxcfs mount (source lxcfs): lxcfs computes it from this container's cgroup`,
    )
  }
  assert.is(v.get('/proc/vmstat')!.scope, 'host')
  assert.match(v.get('/proc/vmstat')!.evidence, /no lxcfs \(fuse\.lxcfs\) mount over \/proc\/vmstat/)
})

test('partial lxcfs: only the bind-mounted files are virtualized, each checked on its own', () => {
  const v = byName(fullFor('findings-v2-lxcfs-partial').views)
  const mounted = ['/proc/cpuinfo', '/proc/diskstats', '/proc/meminfo', '/proc/stat', '/proc/swaps', '/proc/uptime']
  for (const s of LXCFS_SOURCES) {
    const want = mounted.includes(s) ? 'virtualized' : 'host'
    assert.is(v.get(s)!.scope, want, `${s}: ${v.get(s)!.evidence}`)
  }
  assert.match(v.get('/proc/loadavg')!.evidence, /no lxcfs \(fuse\.lxcfs\) mount over \/proc\/loadavg/)
  assert.match(
    v.get('/sys/devices/system/cpu/online')!.evidence,
    /no lxcfs .* over \/sys\/devices\/system\/cpu\/online/,
  )
})

test('lxcfs: owns keeps the memory limit limited although MemTotal equals it', () => {
  for (const [name, limit] of [
    ['findings-v2-lxcfs', 2 * 1024 ** 3],
    ['findings-v2-lxcfs-partial', 1024 ** 3],
  ] as const) {
    const r = fullFor(name)
    assert.is(r.host.meminfoVirtualized, true, name)
    assert.is(r.host.memTotalBytes, limit, name)
    const {hiddenAncestors, ...bare} = r.memory.limit.state === 'limited' ? r.memory.limit : {hiddenAncestors: null}
    assert.equal(bare, {state: 'limited', value: limit, source: '/sys/fs/cgroup/memory.max'}, name)
    assert.is(hiddenAncestors?.why, 'private-cgroupns', `${name}: a private cgroupns, so the caveat`)
  }
  assert.is(fullFor('findings-v2-1g-on-64g').host.meminfoVirtualized, false)
})

test('unreadable files are unavailable, with the reason from the capture manifest', () => {
  const v = byName(fullFor('findings-v2-quiet').views)
  assert.is(v.get('/proc/diskstats')!.evidence, '/proc/diskstats: permission denied (EACCES)')
  assert.is(v.get('/proc/vmstat')!.evidence, '/proc/vmstat: read failed (EIO)')
  assert.is(v.get('/proc/pressure/cpu')!.evidence, '/proc/pressure/cpu does not exist')
  assert.match(
    v.get('/dev/kmsg')!.evidence,
    /^\/dev\/kmsg: permission denied \(EPERM\) \(kernel\.dmesg_restrict=1 requires CAP_SYSLOG\)/,
  )
})

test('namespace evidence: links, NSpid-free PID 1 name, interfaces, hostname', () => {
  const one = byName(fullFor('findings-v2-1g-on-64g').views)
  assert.is(
    one.get('/proc/<pid>')!.evidence,
    'pid:[4026532600] is not the initial pid namespace (pid:[4026531836]); PID 1 here is node',
  )
  assert.match(
    one.get('/proc/net/dev')!.evidence,
    /network namespace \(net:\[4026532601\]\); \/proc\/net\/dev lists 2 interfaces \(lo, eth0\)/,
  )
  assert.match(one.get('/proc/net/snmp')!.evidence, /^the kernel scopes \/proc\/net\/snmp to the network namespace/)
  assert.match(
    one.get('/proc/sys/kernel/hostname')!.evidence,
    /uts:\[4026532599\] is not the initial uts namespace.*"3f9a0c5e7b1d" is the container's own/,
  )
  assert.match(one.get('/proc/uptime')!.evidence, /time:\[4026531834\] is the initial \(host\) time namespace/)
  assert.is(one.get('cgroup files')!.evidence, "this process's own cgroup: /sys/fs/cgroup")
  // Host networking on a kernel whose net namespace inode is not fixed: the bridge and veth devices decide.
  const t = byName(fullFor('findings-v2-throttled-oom').views)
  assert.match(t.get('/proc/net/dev')!.evidence, /lists docker0, veth1a2b3c4: bridge\/veth devices/)
  assert.match(
    t.get('/proc/sys/kernel/hostname')!.evidence,
    /uts:\[4026531838\] is the initial \(host\) uts namespace: hostname "build-host-7" is the host's/,
  )
  assert.is(t.get('/dev/kmsg')!.scope, 'host')
  const q = byName(fullFor('findings-v2-quiet').views)
  assert.match(q.get('/proc/uptime')!.evidence, /time:\[4026532800\] is not the initial time namespace/)
})

test('probes.namespaces: mnt and net inodes prove "initial" only when they match the fixed ones', () => {
  const r = fullFor('findings-v2-1g-on-64g')
  assert.equal([r.probes.namespaces.mnt.initial, r.probes.namespaces.net.initial], [null, null])
  assert.not.match(r.probes.namespaces.mnt.detail, /undefined/)
  assert.equal(
    [
      r.probes.namespaces.pid.initial,
      r.probes.namespaces.uts.initial,
      r.probes.namespaces.time.initial,
      r.probes.namespaces.user.initial,
    ],
    [false, false, true, true],
  )
})

// Copies of a fixture with more files made unreadable: the views that depend on them say so.
function variant(
  name: string,
  unreadable: Record<string, {kind: 'denied' | 'error' | 'absent'; detail: string}>,
  extra: {files?: Record<string, string>; links?: Record<string, string>} = {},
): {dir: string; views: Map<string, View>} {
  const dir = mkdtempSync(join(tmpdir(), 'gv-views-'))
  cpSync(fixtureRoot(name), dir, {recursive: true, verbatimSymlinks: true})
  writeFileSync(join(dir, CAPTURE_MANIFEST), JSON.stringify({format: 1, unreadable}))
  for (const [p, text] of Object.entries(extra.files ?? {})) writeFileSync(join(dir, p), text)
  for (const [p, target] of Object.entries(extra.links ?? {})) {
    mkdirSync(dirname(join(dir, p)), {recursive: true})
    rmSync(join(dir, p), {force: true})
    symlinkSync(target, join(dir, p))
  }
  return {dir, views: byName(buildFull(new Sysroot(dir)).views)}
}

test('a /proc mounted for an ancestor PID namespace (NSpid has two entries): ps lists that namespace, not yours', () => {
  const status = readFileSync(join(fixtureRoot('findings-v2-1g-on-64g'), 'proc/self/status'), 'utf8').replace(
    /^NSpid:.*$/m,
    'NSpid:\t24050\t42',
  )
  const cases: [Record<string, string>, string, RegExp][] = [
    [{'/proc/1/ns/pid': 'pid:[4026531836]'}, 'host', /\/proc\/1\/ns\/pid is pid:\[4026531836\], the host's$/],
    [{'/proc/1/ns/pid': 'pid:[4026532001]'}, 'namespaced', /a namespace above yours, not the host's$/],
    [{}, 'host', /the host's, unless containers are nested$/],
  ]
  for (const [links, scope, evidence] of cases) {
    const {dir, views} = variant('findings-v2-1g-on-64g', {}, {files: {'/proc/self/status': status}, links})
    try {
      const v = views.get('/proc/<pid>')!
      assert.is(v.scope, scope, v.evidence)
      assert.match(
        v.evidence,
        /^NSpid 24050 42: \/proc was mounted for an ancestor PID namespace, not this process's pid:\[4026532600\]/,
      )
      assert.match(v.evidence, evidence)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
})

test('unreadable namespace links and /proc/net/dev: unavailable or undecided, never a guess from nothing', () => {
  const {dir, views} = variant('findings-v2-1g-on-64g', {
    '/proc/net/dev': {kind: 'denied', detail: 'permission denied (EACCES)'},
    '/proc/self/ns/pid': {kind: 'denied', detail: 'permission denied (EACCES)'},
    '/proc/self/ns/uts': {kind: 'absent', detail: 'no such file'},
    '/proc/meminfo': {kind: 'denied', detail: 'permission denied (EACCES)'},
  })
  try {
    assert.equal(
      [views.get('/proc/net/dev')!.scope, views.get('/proc/net/dev')!.evidence],
      ['unavailable', '/proc/net/dev: permission denied (EACCES)'],
    )
    // snmp is readable, but with no fixed net inode and no interface list nothing says whose it is.
    assert.is(views.get('/proc/net/snmp')!.scope, 'unavailable')
    assert.match(
      views.get('/proc/net/snmp')!.evidence,
      /^cannot tell the network namespace: net:\[4026532601\] .*and \/proc\/net\/dev: permission denied \(EACCES\)$/,
    )
    // NSpid has one entry in the fixture (proc mounted for the container's PID namespace): nothing decides.
    assert.is(views.get('/proc/<pid>')!.scope, 'unavailable')
    assert.match(
      views.get('/proc/<pid>')!.evidence,
      /^cannot tell the PID namespace: \/proc\/self\/ns\/pid: permission denied/,
    )
    assert.is(views.get('/proc/sys/kernel/hostname')!.scope, 'unavailable')
    assert.match(views.get('/proc/sys/kernel/hostname')!.evidence, /cannot tell the UTS namespace/)
    assert.equal(
      [views.get('/proc/meminfo')!.scope, views.get('/proc/meminfo')!.evidence],
      ['unavailable', '/proc/meminfo: permission denied (EACCES)'],
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('an lxcfs file that cannot be read (lxcfs died: ENOTCONN) is unavailable, and the evidence names lxcfs', () => {
  const {dir, views} = variant('findings-v2-lxcfs', {
    '/proc/meminfo': {kind: 'error', detail: 'read failed (ENOTCONN)'},
  })
  try {
    assert.is(views.get('/proc/meminfo')!.scope, 'unavailable')
    assert.match(
      views.get('/proc/meminfo')!.evidence,
      /^\/proc\/meminfo: read failed \(ENOTCONN\), though lxcfs is mounted over it .*fuse\.lxcfs.*is lxcfs still running\?$/,
    )
    assert.is(views.get('/proc/stat')!.scope, 'virtualized', 'the other lxcfs files are unaffected')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('mountCovering: the exact bind mount, the longest covering mount, the last one stacked at a point', () => {
  const mi = [
    '22 1 0:20 / / rw - ext4 /dev/root rw',
    '23 22 0:21 / /proc rw - proc proc rw',
    '30 23 0:50 /proc/meminfo /proc/meminfo rw - fuse.lxcfs lxcfs rw,user_id=0',
    '31 23 0:50 /proc/stat /proc/stat rw - fuse.lxcfs lxcfs rw,user_id=0',
    // a runtime masks /proc/stat afterwards: the later mount is the visible one
    '32 23 0:60 /null /proc/stat rw - tmpfs tmpfs rw',
    '33 22 0:50 / /var/lib/lxcfs rw - fuse.lxcfs lxcfs rw,user_id=0',
  ].join('\n')
  const p = parseMountinfo(mi)
  if (!p.ok) throw new Error(p.reason)
  const mounts = visibleMounts(p.value)
  assert.is(mountCovering(mounts, '/proc/meminfo')!.fsType, 'fuse.lxcfs')
  assert.is(mountCovering(mounts, '/proc/stat')!.fsType, 'tmpfs')
  assert.is(mountCovering(mounts, '/proc/loadavg')!.mountPoint, '/proc')
  assert.is(
    mountCovering(mounts, '/proc/meminfo2')!.mountPoint,
    '/proc',
    'a prefix that is not a path component does not cover',
  )
  assert.is(mountCovering(mounts, '/var/lib/lxcfs/proc/meminfo')!.mountPoint, '/var/lib/lxcfs')
  assert.is(mountCovering(mounts, '/etc/passwd')!.mountPoint, '/')
})

test.run()
