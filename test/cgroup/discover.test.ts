// Placing a cgroup path under its mount (issue 12 item 1). Both /proc/PID/cgroup and mountinfo's root are
// relative to the reader's cgroup-namespace root, and a cgroup outside that root is written with ".."
// segments (cgroup-v2.rst "Namespace": "/../sibling"). Such a path is never resolved lexically.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {discover, relativeToRoot} from '../../src/cgroup/discover.js'
import {ownPressure} from '../../src/cgroup/psi.js'
import {buildOwns} from '../../src/report/owns.js'
import {assertLimitsUnsupported} from '../helpers/limits.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const cases: {name: string; path: string; root: string; want: string | null}[] = [
  {name: 'host cgroupns, mount of the whole hierarchy', path: '/docker/abc', root: '/', want: '/docker/abc'},
  {name: 'host cgroupns, runtime bind of its own cgroup', path: '/docker/abc', root: '/docker/abc', want: '/'},
  {name: 'a child below the bound cgroup', path: '/docker/abc/job', root: '/docker/abc', want: '/job'},
  {name: 'a name that only starts like the root', path: '/docker/abcdef', root: '/docker/abc', want: null},
  {name: 'private cgroupns, fresh mount', path: '/', root: '/', want: '/'},
  {name: 'bare unshare: the mount starts above the namespace root', path: '/', root: '/..', want: null},
  {name: 'a sibling outside the namespace root, fresh mount', path: '/../sibling', root: '/', want: null},
  {name: 'two levels out', path: '/../../other/ctr', root: '/', want: null},
  {name: 'a ".." further down the path', path: '/a/../b', root: '/', want: null},
  {name: 'a "." segment', path: '/a/./b', root: '/', want: null},
  {
    name: '--pid target in another container: root and path both outside, equal',
    path: '/../libpod-1',
    root: '/../libpod-1',
    want: '/',
  },
  {
    name: 'below a root that is outside the namespace',
    path: '/../libpod-1/init.scope',
    root: '/../libpod-1',
    want: '/init.scope',
  },
  {name: 'outside, but not below that root', path: '/../libpod-2', root: '/../libpod-1', want: null},
]
for (const c of cases) {
  test(`relativeToRoot: ${c.name} (${c.path} under ${c.root})`, () => assert.is(relativeToRoot(c.path, c.root), c.want))
}

// cgroup v2 in a private cgroupns rooted at "ns-root" (its own mount, root "/"), read by a process that sits
// in the sibling cgroup "sibling" (it joined the namespace with nsenter): /proc/self/cgroup reads "/../sibling".
// The mount point holds the namespace root's files (512 MiB, 1 core): they are not this process's limits.
const MOUNTINFO =
  '30 1 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n'
const siblingTree = () =>
  treeSysroot({
    files: {
      '/proc/self/cgroup': '0::/../sibling\n',
      '/proc/self/mountinfo': MOUNTINFO,
      '/proc/meminfo': 'MemTotal:       24000000 kB\n',
      '/sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
      '/sys/fs/cgroup/memory.max': '536870912\n',
      '/sys/fs/cgroup/cpu.max': '100000 100000\n',
      '/sys/fs/cgroup/pids.max': '100\n',
    },
    links: {'/proc/self/ns/cgroup': 'cgroup:[4026532719]'},
  })

test('v2 "0::/../sibling" under a mount rooted at "/": not placed, and says why', () => {
  const d = discover(siblingTree())
  const h = d.hierarchies.find((x) => x.version === 'v2')
  assert.ok(h)
  assert.is(h.dir, null)
  assert.match(h.problem ?? '', /not below the mount root \/ of \/sys\/fs\/cgroup/)
  assert.match(h.problem ?? '', /outside this cgroup namespace's root/)
})

test("v2 sibling: the namespace root's memory.max, cpu.max and pids.max are not reported as ours", () => {
  const r = buildOwns(siblingTree())
  assertLimitsUnsupported(r, /\/\.\.\/sibling is not below the mount root/)
  assert.equal(r.debug.levels.memory, [], 'no directory is walked')
})

test('--pid style: path and mount root both "/../libpod-1" place the mount point itself', () => {
  const sys = treeSysroot({
    files: {
      '/proc/self/cgroup': '0::/../libpod-1\n',
      '/proc/self/mountinfo':
        '30 1 0:26 /../libpod-1 /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n',
      '/proc/meminfo': 'MemTotal:       24000000 kB\n',
      '/sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
      '/sys/fs/cgroup/memory.max': '268435456\n',
    },
    links: {'/proc/self/ns/cgroup': 'cgroup:[4026532719]'},
  })
  const r = buildOwns(sys)
  assert.is(r.cgroup.hierarchies[0]?.dir, '/sys/fs/cgroup')
  const limit = r.memory.limit
  assert.equal([limit.state, limit.value, limit.source], ['limited', 268435456, '/sys/fs/cgroup/memory.max'])
  // The target's cgroup lies outside our namespace: what is above it is out of sight.
  assert.is(limit.state !== 'unknown' && limit.hiddenAncestors?.why, 'mount-subtree')
})

// Issue 12 item 9: one v1 hierarchy mounted twice. A runtime's bind of another container's cgroup, listed
// first, must not win over the mount that holds our cgroup; of two that hold it, the one that shows more
// ancestors is walked.
const twoMounts = (first: string, second: string) =>
  treeSysroot({
    files: {
      '/proc/self/cgroup': '3:memory:/job\n2:cpu,cpuacct:/job\n',
      '/proc/self/mountinfo':
        `30 1 0:26 ${first} /mnt/other rw - cgroup cgroup rw,cpu,cpuacct\n` +
        `31 1 0:26 ${second} /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n` +
        '32 1 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n',
      '/proc/meminfo': 'MemTotal:       16000000 kB\n',
      '/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_quota_us': '50000\n',
      '/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_period_us': '100000\n',
    },
    links: {'/proc/self/ns/cgroup': 'cgroup:[4026531835]'},
  })

test('v1, one hierarchy mounted twice: the mount whose root holds our path is used, not the first listed', () => {
  const d = discover(twoMounts('/other-container', '/'))
  const cpu = d.hierarchies.find((h) => h.controllers.includes('cpu'))
  assert.is(cpu?.mountPoint, '/sys/fs/cgroup/cpu,cpuacct')
  assert.is(cpu?.dir, '/sys/fs/cgroup/cpu,cpuacct/job')
  const r = buildOwns(twoMounts('/other-container', '/'))
  assert.equal(r.cpu.limit, {state: 'limited', value: 0.5, source: '/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_quota_us'})
})

test('v1, two mounts that both hold our path: the one that shows more ancestors', () => {
  const d = discover(twoMounts('/job', '/'))
  assert.is(d.hierarchies.find((h) => h.controllers.includes('cpu'))?.mountRoot, '/')
})

test('v1, no mount holds our path: the first is kept, unplaced, with the reason', () => {
  const d = discover(twoMounts('/a', '/b'))
  const cpu = d.hierarchies.find((h) => h.controllers.includes('cpu'))
  assert.is(cpu?.mountPoint, '/mnt/other')
  assert.is(cpu?.dir, null)
  assert.match(cpu?.problem ?? '', /not below the mount root \/a/)
})

test('v2, two cgroup2 mounts: the one that holds our path', () => {
  const sys = treeSysroot({
    files: {
      '/proc/self/cgroup': '0::/ctr\n',
      '/proc/self/mountinfo':
        '30 1 0:26 /elsewhere /mnt/bind rw - cgroup2 cgroup2 rw\n' +
        '31 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n',
      '/sys/fs/cgroup/ctr/cgroup.controllers': 'memory\n',
    },
  })
  assert.is(discover(sys).hierarchies[0]?.dir, '/sys/fs/cgroup/ctr')
})

// One absent/broken policy (issue 11): when discovery fails, every cgroup value says why with the kind of
// the read that failed (a denied mountinfo is denied, not "unsupported"), and the same for the cgroup's PSI.
const V2_MOUNT = '30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n'
const failures: {name: string; spec: Parameters<typeof treeSysroot>[0]; kind: string; reason: RegExp}[] = [
  {
    name: 'mountinfo denied',
    spec: {unreadable: {'/proc/self/mountinfo': {kind: 'denied', reason: '/proc/self/mountinfo: permission denied'}}},
    kind: 'denied',
    reason: /cgroup layout unknown: \/proc\/self\/mountinfo: permission denied/,
  },
  {name: 'mountinfo absent', spec: {}, kind: 'absent', reason: /\/proc\/self\/mountinfo does not exist/},
  {
    name: '/proc/self/cgroup malformed',
    spec: {files: {'/proc/self/mountinfo': V2_MOUNT, '/proc/self/cgroup': 'garbage\n'}},
    kind: 'malformed',
    reason: /\/proc\/self\/cgroup/,
  },
  {
    name: 'no cgroup filesystem mounted',
    spec: {files: {'/proc/self/mountinfo': '22 1 0:5 / / rw - ext4 /dev/vda rw\n'}},
    kind: 'absent',
    reason: /no cgroup filesystem is mounted/,
  },
]
for (const f of failures)
  test(`discovery fails (${f.name}): every limit and the cgroup's PSI are ${f.kind}, with the reason`, () => {
    const sys = treeSysroot(f.spec)
    const d = discover(sys)
    assert.is(d.version, 'unknown')
    assert.is(d.failure?.kind, f.kind)
    const owns = buildOwns(sys)
    for (const lim of [owns.cpu.limit, owns.memory.limit, owns.pids.limit]) {
      assert.is(lim.state, 'unknown')
      if (lim.state !== 'unknown') continue
      assert.is(lim.kind, f.kind)
      assert.match(lim.reason, f.reason)
    }
    const psi = ownPressure(sys, d, 'cpu')
    assert.is(psi.kind, f.kind)
    if (psi.kind !== 'value') assert.match(psi.reason, f.reason)
  })

test.run()
