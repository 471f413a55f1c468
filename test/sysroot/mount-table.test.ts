// mount-table.ts answers "which mount serves this path" from this process's own mount table, once per
// directory: the answer must be the longest mount point that is a prefix of the path, as a scan of the whole
// table gives, for every mount point of this machine, for paths below each, and for the mount points
// themselves (a file can be one); and files of one directory make one lookup.
import {readFileSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseMountinfo, visibleMounts} from '../../src/parse/mountinfo.js'
import {kernelFileAt, mountLookups, mountPointOf, resetMountTable} from '../../src/sysroot/mount-table.js'

function byScan(path: string): string | null {
  const parsed = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'))
  if (!parsed.ok) return null
  const sorted = [...visibleMounts(parsed.value)].sort((a, b) => b.mountPoint.length - a.mountPoint.length)
  for (const m of sorted)
    if (path === m.mountPoint || path.startsWith(m.mountPoint === '/' ? '/' : m.mountPoint + '/')) return m.mountPoint
  return null
}

test('the mount of a path is the one a scan of the whole table finds', () => {
  resetMountTable()
  const parsed = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'))
  assert.ok(parsed.ok)
  const paths = ['/', '/proc/self/cgroup', '/proc/meminfo', '/sys/fs/cgroup', '/nope', '/proc/', '/a//b']
  for (const m of visibleMounts(parsed.value)) {
    const p = m.mountPoint
    paths.push(p, `${p}/x`, `${p}/x/y`, `${p}x`, p === '/' ? '/' : p.slice(0, p.lastIndexOf('/') + 1))
  }
  for (const path of paths) assert.is(mountPointOf(path), byScan(path), path)
})

test('files of one directory are looked up once', () => {
  resetMountTable()
  for (const f of ['cpu', 'memory', 'io']) kernelFileAt(`/proc/pressure/${f}`)
  kernelFileAt('/proc/pressure/cpu')
  assert.is(mountLookups(), 1)
  kernelFileAt('/proc/self/cgroup')
  kernelFileAt('/proc/self/stat')
  assert.is(mountLookups(), 2)
  assert.ok(kernelFileAt('/proc/self/stat'))
  assert.not.ok(kernelFileAt('/proc/self/fd/0'))
  resetMountTable()
  assert.is(mountLookups(), 0)
})

test.run()
