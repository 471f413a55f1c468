import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {route} from '../../src/sysroot/route.js'

const cases: [string, number | null, string, string | null][] = [
  ['/proc/self/cgroup', null, '/proc/self/cgroup', null],
  ['/sys/fs/cgroup/cpu/cpu.shares', null, '/sys/fs/cgroup/cpu/cpu.shares', null],
  ['/proc/self/cgroup', 4242, '/proc/4242/cgroup', null],
  ['/proc/self/mountinfo', 4242, '/proc/4242/mountinfo', null],
  ['/proc/self/ns/cgroup', 4242, '/proc/4242/ns/cgroup', null],
  ['/proc/thread-self/status', 4242, '/proc/4242/status', null],
  ['/proc/self', 4242, '/proc/4242', null],
  ['/proc/net/dev', 4242, '/proc/4242/net/dev', null],
  ['/proc/net/snmp', 4242, '/proc/4242/net/snmp', null],
  ['/proc/mounts', 4242, '/proc/4242/mounts', null],
  ['/proc/meminfo', 4242, '/proc/4242/root/proc/meminfo', '/proc/4242/root'],
  ['/proc/1/comm', 4242, '/proc/4242/root/proc/1/comm', '/proc/4242/root'],
  ['/proc', 4242, '/proc/4242/root/proc', '/proc/4242/root'],
  ['/sys/fs/cgroup/cpu/cpu.cfs_quota_us', 7, '/proc/7/root/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/proc/7/root'],
  ['/dev/kmsg', 7, '/proc/7/root/dev/kmsg', '/proc/7/root'],
  ['/', 7, '/proc/7/root', '/proc/7/root'],
  ['/proc/selfish', 7, '/proc/7/root/proc/selfish', '/proc/7/root'],
]

for (const [guest, pid, treePath, nestedRoot] of cases)
  test(`${guest} for ${pid === null ? 'self' : `PID ${pid}`}`, () =>
    assert.equal(route(guest, pid), {treePath, nestedRoot}))

test.run()
