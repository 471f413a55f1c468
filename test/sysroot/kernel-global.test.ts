// Files the kernel serves alike to every view (src/sysroot/kernel-global.ts): read once per live snapshot
// where the view's own mount table shows procfs or sysfs serving them, and never shared where something
// else is mounted over them (lxcfs, a masking bind), in a tree, or while recording. Also: a guest path that
// is normal already is kept as it is, and anything else is normalised exactly as path.posix.normalize does.
import {posix} from 'node:path'
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseMountinfo, visibleMounts} from '../../src/parse/mountinfo.js'
import {servedByKernel} from '../../src/sysroot/kernel-global.js'
import {guestKey, Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupTrees, makeTree} from '../helpers/tree.js'

test.after(cleanupTrees)

// A podman container's mounts (v1 hybrid host, this VM), with the masks podman puts over /proc.
const CONTAINER = [
  '600 500 0:60 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w',
  '601 600 0:62 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  '602 600 0:63 / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro',
  '603 601 0:62 /sys /proc/sys ro,relatime - proc proc rw',
  '604 601 0:5 /null /proc/kcore rw,nosuid - devtmpfs udev rw,size=10g',
]
const mounts = (...lines: string[]) => {
  const p = parseMountinfo(lines.join('\n') + '\n')
  if (!p.ok) throw new Error(p.reason)
  return visibleMounts(p.value)
}
const LXCFS = '700 601 0:70 /proc/meminfo /proc/meminfo rw,nosuid - fuse.lxcfs lxcfs rw,user_id=0,group_id=0'

const cases: [string, string[], string, boolean][] = [
  ['procfs on /proc serves /proc/meminfo', CONTAINER, '/proc/meminfo', true],
  ['procfs serves PSI', CONTAINER, '/proc/pressure/cpu', true],
  [
    "a read-only bind of procfs's /sys on /proc/sys serves the sysctls",
    CONTAINER,
    '/proc/sys/kernel/kptr_restrict',
    true,
  ],
  ['sysfs on /sys serves the online CPUs', CONTAINER, '/sys/devices/system/cpu/online', true],
  ['lxcfs over /proc/meminfo: its own', [...CONTAINER, LXCFS], '/proc/meminfo', false],
  ['lxcfs over /proc/meminfo leaves /proc/stat to procfs', [...CONTAINER, LXCFS], '/proc/stat', true],
  [
    'a tmpfs over /sys/devices/system/cpu',
    [...CONTAINER, '705 602 0:71 / /sys/devices/system/cpu rw - tmpfs tmpfs rw'],
    '/sys/devices/system/cpu/online',
    false,
  ],
  [
    'procfs mounted whole on /proc/sys (another file under that path)',
    [...CONTAINER.slice(0, 3), '603 601 0:62 / /proc/sys ro - proc proc rw'],
    '/proc/sys/kernel/kptr_restrict',
    false,
  ],
  ['no /proc mount at all', [CONTAINER[0]!], '/proc/meminfo', false],
  ['a file that is not listed (per view: /proc/net/dev)', CONTAINER, '/proc/net/dev', false],
  ['a masked path is not listed either', CONTAINER, '/proc/kcore', false],
]
for (const [name, lines, path, want] of cases)
  test(`servedByKernel: ${name}`, () => assert.is(servedByKernel(mounts(...lines), path), want))

test('live: a target view and our own read a kernel-global file once; a per-view file is read per view', () => {
  // Our own process as the target: /proc/PID/root is "/" with our own mounts, so procfs serves both views.
  const base = new Sysroot('/')
  const target = base.forPid(process.pid)
  const mine = base.read('/proc/meminfo')
  assert.is(mine.kind, 'value')
  assert.ok(target.read('/proc/meminfo') === mine, 'the same cache entry')
  assert.ok(target.read('/proc/self/status') !== base.read('/proc/self/status'), 'status is read for each view')
})

test('live but recording (capture): every view reads its own file', () => {
  const base = new Sysroot('/', {record: true})
  const mine = base.read('/proc/meminfo')
  assert.ok(base.forPid(process.pid).read('/proc/meminfo') !== mine)
  assert.ok(base.recorded.has(`/proc/${process.pid}/root/proc/meminfo`), 'recorded at its place in the tree')
})

test("a tree: the target's copy is read, whatever its mountinfo says", () => {
  const dir = makeTree({
    files: {
      '/proc/self/mountinfo': CONTAINER.join('\n') + '\n',
      '/proc/meminfo': 'MemTotal: 1 kB\n',
      '/proc/7/mountinfo': CONTAINER.join('\n') + '\n',
      '/proc/7/root/proc/meminfo': 'MemTotal: 2 kB\n',
    },
  })
  const base = new Sysroot(dir)
  const r = base.forPid(7).read('/proc/meminfo')
  assert.is(base.read('/proc/meminfo').kind === 'value' && r.kind === 'value' && r.value, 'MemTotal: 2 kB\n')
})

test('guestKey: a normal path is kept; any other is normalised as posix.normalize does', () => {
  for (const p of ['/proc/x', 'proc/x', '/proc/./x', '/../proc/x', '/proc/x/', '/', '', '//proc', '/proc/..', '/.x'])
    assert.is(guestKey(p), posix.normalize('/' + p), JSON.stringify(p))
  const segment = fc.constantFrom('', '.', '..', '...', '.a', 'a.', 'proc', 'a:b', 'cpu,cpuacct', ' ')
  fc.assert(
    fc.property(fc.array(segment, {maxLength: 6}), fc.boolean(), (segs, lead) => {
      const p = (lead ? '/' : '') + segs.join('/')
      return guestKey(p) === posix.normalize('/' + p)
    }),
  )
})

test.run()
