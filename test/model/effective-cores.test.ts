// effectiveCores = min(quota, cpuset size, online CPUs), and null (with the reason) when a bound that is there
// cannot be read. An empty cpuset list is not a cpuset of 0 CPUs (issue 12 item 8): a cgroup whose tasks
// run always has CPUs, so the list says nothing, and the cores are unknown, at most the other bounds.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {effectiveCoresBasis} from '../../src/model/cpu.js'
import {buildOwns} from '../../src/report/owns.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const V2_MOUNT = '30 1 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n'
const v2 = (cpusetEffective: string) =>
  treeSysroot({
    files: {
      '/proc/self/cgroup': '0::/\n',
      '/proc/self/mountinfo': V2_MOUNT,
      '/proc/meminfo': 'MemTotal:       16000000 kB\n',
      '/sys/devices/system/cpu/online': '0-3\n',
      '/sys/fs/cgroup/cgroup.controllers': 'cpuset cpu memory pids\n',
      '/sys/fs/cgroup/cpu.max': '150000 100000\n',
      '/sys/fs/cgroup/cpuset.cpus.effective': cpusetEffective,
    },
    links: {'/proc/self/ns/cgroup': 'cgroup:[4026532719]'},
  })

test('v2: an empty cpuset.cpus.effective gives effectiveCores null with a reason, not 0', () => {
  const r = buildOwns(v2('\n'))
  assert.is(r.cpu.cpuset, null)
  assert.is(r.cpu.effectiveCores, null)
  assert.is(r.cpu.effectiveCoresAtMost, 1.5, 'min(quota 1.5, 4 online)')
  const why = r.debug.unknown['cpu.effectiveCores']
  assert.is(why?.kind, 'malformed')
  assert.is(why?.path, '/sys/fs/cgroup/cpuset.cpus.effective')
  assert.match(why?.reason ?? '', /empty CPU list/)
  assert.is(r.debug.unknown['cpu.cpuset']?.kind, 'malformed')
  assert.match(effectiveCoresBasis(r.cpu), /cpuset unknown: at most 1\.5/)
})

test('v2: a cpuset of 2 CPUs bounds the cores as before', () => {
  const r = buildOwns(v2('0-1\n'))
  assert.equal(r.cpu.cpuset, [0, 1])
  assert.is(r.cpu.effectiveCores, 1.5)
  assert.is(r.debug.unknown['cpu.effectiveCores'], undefined)
})

test('v1: an empty cpuset.effective_cpus gives effectiveCores null with a reason, not 0', () => {
  const sys = treeSysroot({
    files: {
      '/proc/self/cgroup': '4:cpuset:/job\n3:cpu,cpuacct:/job\n',
      '/proc/self/mountinfo':
        '30 1 0:26 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset\n' +
        '31 1 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n',
      '/proc/meminfo': 'MemTotal:       16000000 kB\n',
      '/sys/devices/system/cpu/online': '0-1\n',
      '/sys/fs/cgroup/cpuset/job/cpuset.effective_cpus': '\n',
      '/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_quota_us': '-1\n',
      '/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_period_us': '100000\n',
    },
    links: {'/proc/self/ns/cgroup': 'cgroup:[4026531835]'},
  })
  const r = buildOwns(sys)
  assert.is(r.cpu.limit.state, 'unlimited')
  assert.is(r.cpu.effectiveCores, null)
  assert.is(r.cpu.effectiveCoresAtMost, 2)
  assert.is(r.debug.unknown['cpu.effectiveCores']?.path, '/sys/fs/cgroup/cpuset/job/cpuset.effective_cpus')
})

test('no cpuset controller at all (absent) does not make the cores unknown', () => {
  const sys = treeSysroot({
    files: {
      '/proc/self/cgroup': '0::/\n',
      '/proc/self/mountinfo': V2_MOUNT,
      '/proc/meminfo': 'MemTotal:       16000000 kB\n',
      '/sys/devices/system/cpu/online': '0-3\n',
      '/sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
      '/sys/fs/cgroup/cpu.max': 'max 100000\n',
    },
  })
  const r = buildOwns(sys)
  assert.is(r.cpu.cpuset, null)
  assert.is(r.cpu.effectiveCores, 4)
})

test.run()
