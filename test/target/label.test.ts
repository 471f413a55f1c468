// The container label of the live views (src/target/label.ts): self, the container ID the cgroup path
// holds (12 hex digits), else the cgroup path, else pid-N; made unique when two containers share one.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {containerLabel, podLabels, uniqueLabels} from '../../src/target/label.js'

const ID = '4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a'

test('our own container is self, whatever its cgroup', () => {
  assert.is(containerLabel({self: true, cgroupPath: `/docker/${ID}`, pid: 7}), 'self')
})

test('a container ID in the path (kubepods, podman, docker, a private cgroupns "/../ID"): its first 12 digits', () => {
  for (const path of [
    `/kubepods/burstable/pod1f2e3d4c-5b6a-7980-1a2b-3c4d5e6f7a8b/${ID}`,
    `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f2e3d4c_5b6a_7980_1a2b_3c4d5e6f7a8b.slice/cri-containerd-${ID}.scope`,
    `/machine.slice/libpod-${ID}.scope`,
    `/docker/${ID}`,
    `/../${ID}`,
  ])
    assert.is(containerLabel({self: false, cgroupPath: path, pid: 7}), ID.slice(0, 12), path)
})

test('no ID: the cgroup path; no path either: pid-N', () => {
  assert.is(
    containerLabel({self: false, cgroupPath: '/system.slice/nginx.service', pid: 7}),
    '/system.slice/nginx.service',
  )
  assert.is(containerLabel({self: false, cgroupPath: null, pid: 7}), 'pid-7')
  assert.is(containerLabel({self: false, cgroupPath: null, pid: null}), 'unknown')
})

test('two containers under one label (one cgroup, two mount namespaces): the second gets its PID', () => {
  const labels = uniqueLabels([
    {self: false, cgroupPath: '/', pid: 1},
    {self: true, cgroupPath: '/', pid: 50},
    {self: false, cgroupPath: '/', pid: 60},
  ]).map((l) => l.label)
  assert.equal(labels, ['/', 'self', '/ pid-60'])
})

test('pod labels: the containers that run something made unique in order, the infra one by its own label', () => {
  const items = [
    {self: false, cgroupPath: '/pod/infra', main: {pid: 1}, infra: true},
    {self: false, cgroupPath: '/', main: {pid: 2}, infra: false},
    {self: true, cgroupPath: '/', main: {pid: 50}, infra: false},
    {self: false, cgroupPath: '/', main: {pid: 60}, infra: false},
  ]
  const labels = podLabels(items)
  assert.equal(
    items.map((i) => labels.get(i)),
    ['/pod/infra', '/', 'self', '/ pid-60'],
  )
  // The live views' names are the same labels, the infra container left out.
  assert.equal(
    uniqueLabels(items.filter((i) => !i.infra).map((i) => ({...i, pid: i.main.pid}))).map((l) => l.label),
    ['/', 'self', '/ pid-60'],
  )
})

test.run()
