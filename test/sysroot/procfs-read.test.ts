// Files the live machine's kernel serves (procfs, sysfs, cgroupfs) are read in one readFileSync call
// (bounded.ts readKernelFile) rather than readPlain's steps: the outcome must be the same, for a file that
// reads, one whose process is gone, a directory, a missing file, and one over the cap; only a live, own,
// unrecorded view takes that path (a capture still records the mode), only on those filesystems
// (mount-table.ts kernelFileAt), and the run's own mountinfo is read once, not by the table and the report apart.
import fs, {existsSync} from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {readPlain, readKernelFile} from '../../src/sysroot/bounded.js'
import {kernelFileAt, resetMountTable} from '../../src/sysroot/mount-table.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {skip} from '../helpers/skip.js'

const NO_PID = '/proc/4194304999/cgroup' // above pid_max: never a process
const MEMORY_V1 = '/sys/fs/cgroup/memory'

test('a file that reads, a file of no process, a directory, a missing file: the same outcome as readPlain', () => {
  const paths = [
    '/proc/self/cgroup',
    '/proc/self/mountinfo',
    '/proc/1/cgroup',
    NO_PID,
    '/proc/self', // a directory
    '/sys/devices/system/cpu/online',
    '/sys/devices/system/cpu/no-such-file',
  ]
  if (existsSync(`${MEMORY_V1}/memory.limit_in_bytes`))
    paths.push(MEMORY_V1, `${MEMORY_V1}/memory.limit_in_bytes`, `${MEMORY_V1}/nope`)
  for (const path of paths) {
    const plain = readPlain(path, path, 1 << 20, {noFollow: false})
    const fast = readKernelFile(path, path, 1 << 20)
    const {mode: _mode, ...rest} = plain as typeof plain & {mode?: number}
    assert.equal(fast, rest, path)
  }
  assert.is(readKernelFile(NO_PID, NO_PID, 1 << 20).kind, 'absent')
  // Files that change from one read to the next: the same kind.
  for (const path of ['/proc/meminfo', '/proc/self/stat', `${MEMORY_V1}/memory.stat`])
    assert.is(readKernelFile(path, path, 1 << 20).kind, readPlain(path, path, 1 << 20, {noFollow: false}).kind, path)
})

test('over the cap: malformed, as readPlain says it', () => {
  const path = '/proc/self/mountinfo'
  assert.equal(readKernelFile(path, path, 10), readPlain(path, path, 10, {noFollow: false}))
})

test('a capture records the mode of /proc/self files: it keeps the plain read', () => {
  const sys = new Sysroot('/', {record: true})
  assert.is(sys.read('/proc/self/cgroup').kind, 'value')
  const rec = sys.recorded.get('/proc/self/cgroup')
  assert.ok(rec && rec.type === 'file' && typeof rec.mode === 'number', JSON.stringify(rec))
})

test('kernelFileAt: procfs, sysfs and cgroupfs files, not the links out of procfs nor other filesystems', () => {
  resetMountTable()
  for (const p of ['/proc/meminfo', '/proc/self/cgroup', '/proc/1/status', '/sys/devices/system/cpu/online'])
    assert.ok(kernelFileAt(p), p)
  for (const p of ['/proc/self/root/etc/hostname', '/proc/self/fd/0', '/proc/self/cwd/x', '/proc/1/ns/pid'])
    assert.not.ok(kernelFileAt(p), p)
  // Files that do not bound themselves keep the capped read.
  for (const p of ['/proc/kcore', '/proc/self/mem', '/proc/self/pagemap', '/proc/kpageflags'])
    assert.not.ok(kernelFileAt(p), p)
  for (const p of ['/etc/hostname', '/tmp/x', '/dev/null']) assert.not.ok(kernelFileAt(p), p)
})

const V1_NAME = 'kernelFileAt: a v1 cgroup file on its cgroup mount, but not the tmpfs that holds the mounts'
if (!existsSync(`${MEMORY_V1}/memory.limit_in_bytes`))
  skip(test, V1_NAME, 'no v1 memory controller mounted at /sys/fs/cgroup/memory')
else
  test(V1_NAME, () => {
    resetMountTable()
    assert.ok(kernelFileAt(`${MEMORY_V1}/memory.limit_in_bytes`))
    const tmpfs = / \/sys\/fs\/cgroup \S+ .* - tmpfs /.test(fs.readFileSync('/proc/self/mountinfo', 'utf8'))
    if (tmpfs) assert.not.ok(kernelFileAt('/sys/fs/cgroup/some-file'))
  })

test("the live root's own mountinfo is read once in a run: the mount table's read serves the first report", () => {
  const original = fs.readFileSync
  let mountinfoReads = 0
  fs.readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (path === '/proc/self/mountinfo') mountinfoReads++
    return (original as (...a: unknown[]) => unknown)(path, ...rest)
  }) as typeof fs.readFileSync
  syncBuiltinESMExports()
  try {
    resetMountTable()
    const first = new Sysroot('/')
    assert.is(first.read('/proc/self/cgroup').kind, 'value')
    const mi = first.read('/proc/self/mountinfo')
    assert.is(mi.kind, 'value')
    assert.is(mountinfoReads, 1)
    // A later report (serve's next collection) reads the mounts of its own moment.
    assert.is(new Sysroot('/').read('/proc/self/mountinfo').kind, 'value')
    assert.is(mountinfoReads, 2)
  } finally {
    fs.readFileSync = original
    syncBuiltinESMExports()
    resetMountTable()
  }
})

test.run()
