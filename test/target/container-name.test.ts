// Table of real cgroup path layouts (kubelet cgroupfs and systemd drivers, docker, podman, a private cgroupns
// sibling), each named after the setup that writes it.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {containerName, type ContainerName} from '../../src/target/container-name.js'

const ID = '4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a'
const UID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b'
const UID_ = UID.replace(/-/g, '_')

const k8s = (
  podUid: string | null,
  qosClass: ContainerName['kubernetes'] extends infer K ? (K extends {qosClass: infer Q} ? Q : never) : never,
) => ({podUid, qosClass})

const cases: [string, string, ContainerName][] = [
  [
    'kubelet cgroupfs, Burstable',
    `/kubepods/burstable/pod${UID}/${ID}`,
    {containerId: ID, runtime: null, kubernetes: k8s(UID, 'Burstable')},
  ],
  [
    'kubelet cgroupfs, BestEffort',
    `/kubepods/besteffort/pod${UID}/${ID}`,
    {containerId: ID, runtime: null, kubernetes: k8s(UID, 'BestEffort')},
  ],
  [
    'kubelet cgroupfs, Guaranteed (no QoS level)',
    `/kubepods/pod${UID}/${ID}`,
    {containerId: ID, runtime: null, kubernetes: k8s(UID, 'Guaranteed')},
  ],
  [
    'kubelet cgroupfs, CRI-O',
    `/kubepods/burstable/pod${UID}/crio-${ID}`,
    {containerId: ID, runtime: 'cri-o', kubernetes: k8s(UID, 'Burstable')},
  ],
  [
    'kubelet systemd, containerd, Burstable',
    `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${UID_}.slice/cri-containerd-${ID}.scope`,
    {containerId: ID, runtime: 'containerd', kubernetes: k8s(UID, 'Burstable')},
  ],
  [
    'kubelet systemd, CRI-O, BestEffort',
    `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${UID_}.slice/crio-${ID}.scope`,
    {containerId: ID, runtime: 'cri-o', kubernetes: k8s(UID, 'BestEffort')},
  ],
  [
    'kubelet systemd, docker, Guaranteed',
    `/kubepods.slice/kubepods-pod${UID_}.slice/docker-${ID}.scope`,
    {containerId: ID, runtime: 'docker', kubernetes: k8s(UID, 'Guaranteed')},
  ],
  [
    'kind node: the kubelet under a prefix',
    `/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-burstable.slice/kubelet-kubepods-burstable-pod${UID_}.slice/cri-containerd-${ID}.scope`,
    {containerId: ID, runtime: 'containerd', kubernetes: k8s(UID, 'Burstable')},
  ],
  [
    'the pod cgroup itself (no container)',
    `/kubepods/burstable/pod${UID}`,
    {containerId: null, runtime: null, kubernetes: k8s(UID, 'Burstable')},
  ],
  ['a QoS level only', '/kubepods/besteffort', {containerId: null, runtime: null, kubernetes: k8s(null, 'BestEffort')}],
  ['kubepods alone', '/kubepods', {containerId: null, runtime: null, kubernetes: k8s(null, null)}],
  ['docker cgroupfs', `/docker/${ID}`, {containerId: ID, runtime: 'docker', kubernetes: null}],
  ['docker systemd', `/system.slice/docker-${ID}.scope`, {containerId: ID, runtime: 'docker', kubernetes: null}],
  ['podman systemd', `/machine.slice/libpod-${ID}.scope`, {containerId: ID, runtime: 'podman', kubernetes: null}],
  [
    'podman cgroupfs with --cgroup-parent',
    `/guestview-test-1/libpod-${ID}`,
    {containerId: ID, runtime: 'podman', kubernetes: null},
  ],
  ['podman conmon', `/guestview-test-1/libpod-conmon-${ID}`, {containerId: ID, runtime: 'podman', kubernetes: null}],
  ['private cgroupns, a sibling container', `/../${ID}`, {containerId: ID, runtime: null, kubernetes: null}],
  ['private cgroupns, a podman sibling', `/../libpod-${ID}`, {containerId: ID, runtime: 'podman', kubernetes: null}],
  ['private cgroupns, our own', '/', {containerId: null, runtime: null, kubernetes: null}],
  ['a systemd service', '/system.slice/ssh.service', {containerId: null, runtime: null, kubernetes: null}],
  ['a short word is no ID', '/user.slice/cafe', {containerId: null, runtime: null, kubernetes: null}],
]

for (const [name, path, want] of cases) test(name, () => assert.equal(containerName(path), want))

test.run()
