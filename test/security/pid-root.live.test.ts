// `--pid` reads below /proc/PID/root, which is the target's own "/": a path there resolves inside it, in a
// captured tree as live. An absolute link in the target's files starts again at /proc/PID/root (as it
// would for the target), never at the tree's root or ours; a ".." above it is refused "escapes the root".
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupTrees, makeTree} from '../helpers/tree.js'

const tree = () =>
  makeTree({
    files: {
      '/etc/secret': 'ours\n',
      '/proc/7/cgroup': '4:memory:/app\n',
      '/proc/7/root/etc/secret': 'the app\n',
      '/proc/7/root/sys/fs/cgroup/memory/memory.limit_in_bytes': '201326592\n',
    },
    links: {
      '/proc/7/root/proc/meminfo': '/etc/secret',
      '/proc/7/root/sys/fs/cgroup/memory/up': '../../../../../../etc/secret',
      '/proc/7/root/sys/fs/cgroup/cpu': 'memory',
    },
  })

test("an absolute link in the target's files starts at /proc/PID/root, not at the tree's root", () => {
  const sys = new Sysroot(tree()).forPid(7)
  const r = sys.read('/proc/meminfo')
  assert.is(r.kind, 'value')
  assert.is(r.kind === 'value' && r.value, 'the app\n')
  assert.is(r.path, '/proc/meminfo', 'the outcome names the guest path')
})

test('a relative link inside the target root resolves there', () => {
  const r = new Sysroot(tree()).forPid(7).read('/sys/fs/cgroup/cpu/memory.limit_in_bytes')
  assert.is(r.kind === 'value' && r.value, '201326592\n')
})

test("'..' above /proc/PID/root is refused: escapes the root", () => {
  const r = new Sysroot(tree()).forPid(7).read('/sys/fs/cgroup/memory/up')
  assert.is(r.kind, 'denied')
  assert.match(r.kind !== 'value' ? r.reason : '', /escapes the root/)
})

test("our own view of the same tree still reads the tree's root, and /proc/self routes to /proc/PID", () => {
  const base = new Sysroot(tree())
  const r = base.read('/etc/secret')
  assert.is(r.kind === 'value' && r.value, 'ours\n')
  const c = base.forPid(7).read('/proc/self/cgroup')
  assert.is(c.kind === 'value' && c.value, '4:memory:/app\n')
})

test('live: a link below /proc/self/root resolves inside it (the kernel would resolve it against our root)', () => {
  // /proc/PID/root of ourselves is "/": the same files, read through resolveInRoot.
  const sys = new Sysroot('/').forPid(process.pid)
  const r = sys.read('/proc/self/status')
  assert.is(r.kind, 'value')
  const m = sys.read('/sys/fs/cgroup/memory/memory.limit_in_bytes')
  assert.ok(m.kind === 'value' || m.kind === 'absent', `${m.kind}`)
})

test.after(cleanupTrees)
test.run()
