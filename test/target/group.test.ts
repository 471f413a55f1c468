// Grouping processes into containers, over process lists shaped like the pods they come from.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {groupProcesses, mainCgroupPath} from '../../src/target/group.js'
import type {Proc, ProcessList} from '../../src/target/processes.js'

const ID = (c: string) => c.repeat(64)
const v1 = (path: string) => ['9:name=systemd:' + path, '4:memory:' + path, '1:cpu,cpuacct:' + path, '0::/'].join('\n')
const proc = (pid: number, ppid: number, comm: string, cgroup: string, mntNs: string | null = 'mnt:[1]'): Proc => ({
  pid,
  ppid,
  comm,
  cgroup,
  mntNs,
})
const list = (procs: Proc[], selfPid: number | null = null): ProcessList => ({procs, selfPid, gone: 0, hidden: 0})

test('a podman pod sharing its PID namespace: infra, app and guestview, one group each', () => {
  const infra = v1(`/parent/libpod-${ID('a')}`)
  const app = v1(`/parent/libpod-${ID('b')}`)
  const gv = v1(`/parent/libpod-${ID('c')}`)
  const groups = groupProcesses(
    list(
      [
        proc(1, 0, 'catatonit', infra, 'mnt:[10]'),
        proc(2, 0, 'sh', app, 'mnt:[11]'),
        proc(3, 2, 'sh', app, 'mnt:[11]'),
        proc(7, 0, 'node', gv, 'mnt:[12]'),
      ],
      7,
    ),
  )
  assert.equal(
    groups.map((g) => [g.main.pid, g.pids, g.infra, g.self, g.name.containerId?.[0], g.name.runtime]),
    [
      [1, [1], true, false, 'a', 'podman'],
      [2, [2, 3], false, false, 'b', 'podman'],
      [7, [7], false, true, 'c', 'podman'],
    ],
  )
})

test('the main process is the lowest PID whose parent is outside the group (an exec comes later)', () => {
  const c = v1('/docker/' + ID('d'))
  const groups = groupProcesses(list([proc(40, 0, 'sh', c), proc(12, 40, 'worker', c), proc(30, 0, 'nginx', c)]))
  assert.is(groups.length, 1)
  assert.is(groups[0]!.main.pid, 30)
  assert.equal(groups[0]!.pids, [12, 30, 40])
})

test('one cgroup, two mount namespaces: two groups', () => {
  const c = v1('/shared')
  const groups = groupProcesses(list([proc(5, 0, 'a', c, 'mnt:[1]'), proc(6, 0, 'b', c, 'mnt:[2]')]))
  assert.equal(
    groups.map((g) => [g.main.pid, g.mntNs]),
    [
      [5, 'mnt:[1]'],
      [6, 'mnt:[2]'],
    ],
  )
})

test("an unreadable mount namespace joins its cgroup's main process, not a group of its own", () => {
  const c = v1('/app')
  const groups = groupProcesses(list([proc(5, 0, 'app', c, 'mnt:[1]'), proc(9, 5, 'child', c, null)]))
  assert.equal(
    groups.map((g) => g.pids),
    [[5, 9]],
  )
})

test('Kubernetes names: container ID and QoS class from the path; pause is infra', () => {
  const uid = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b'
  const pause = v1(`/kubepods/burstable/pod${uid}/${ID('e')}`)
  const app = v1(`/kubepods/burstable/pod${uid}/${ID('f')}`)
  const groups = groupProcesses(list([proc(1, 0, 'pause', pause), proc(8, 0, 'java', app)]))
  assert.is(groups[0]!.infra, true)
  assert.equal(groups[1]!.name, {containerId: ID('f'), runtime: null, kubernetes: {podUid: uid, qosClass: 'Burstable'}})
})

test('a pause-named process with children is not infra', () => {
  const c = v1('/x')
  const groups = groupProcesses(list([proc(1, 0, 'pause', c), proc(2, 1, 'sh', c)]))
  assert.is(groups[0]!.infra, false)
})

test('the main hierarchy: cpu, then memory, then pids, then the v2 line', () => {
  assert.is(mainCgroupPath('4:memory:/m\n1:cpu,cpuacct:/c\n0::/u'), '/c')
  assert.is(mainCgroupPath('4:memory:/m\n0::/u'), '/m')
  assert.is(mainCgroupPath('0::/kubepods/x'), '/kubepods/x')
  assert.is(mainCgroupPath('garbage'), null)
})

test.run()
