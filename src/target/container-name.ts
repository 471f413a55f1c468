// A name a person recognises, parsed from a cgroup path: the container ID the runtime gave, and in a
// Kubernetes pod the pod UID and the QoS class. Only what the path says; nothing is looked up.
//
// The layouts (kubelet pkg/kubelet/cm/cgroup_manager_linux.go, qos_container_manager_linux.go; runc
// libcontainer/cgroups/systemd; podman and docker defaults):
//   cgroupfs driver   /kubepods/burstable/pod<uid>/<id>            Burstable
//                     /kubepods/besteffort/pod<uid>/<id>           BestEffort
//                     /kubepods/pod<uid>/<id>                      Guaranteed (no QoS level)
//                     .../pod<uid>/crio-<id>                       CRI-O under cgroupfs
//   systemd driver    /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid, '-' as '_'>.slice/
//                       cri-containerd-<id>.scope | crio-<id>.scope | docker-<id>.scope
//                     /kubepods.slice/kubepods-pod<uid>.slice/...  Guaranteed
//   docker            /docker/<id>, /system.slice/docker-<id>.scope
//   podman            /machine.slice/libpod-<id>.scope, /<cgroup-parent>/libpod-<id>
// A kubelet may sit under a prefix (kind: /kubelet.slice/kubelet-kubepods.slice/..., /kubelet/kubepods/...).
// From a private cgroup namespace a sibling container reads "/../<id>": the ID is there, the pod is above
// the namespace root, so the QoS class cannot be told.

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort'
export type Runtime = 'containerd' | 'cri-o' | 'docker' | 'podman'

export type ContainerName = {
  /** The runtime's container ID (hex, as the runtime shows it), or null when the path holds none. */
  containerId: string | null
  /** Which runtime named it, where the path says (a "docker-", "cri-containerd-", "crio-", "libpod-" prefix). */
  runtime: Runtime | null
  /** Set when the path is a Kubernetes pod's: the pod UID (with dashes) and the QoS class, where visible. */
  kubernetes: {podUid: string | null; qosClass: QosClass | null} | null
}

const HEX_ID = /^[0-9a-f]{12,64}$/

const PREFIXES: [string, Runtime][] = [
  ['cri-containerd-', 'containerd'],
  ['crio-conmon-', 'cri-o'],
  ['crio-', 'cri-o'],
  ['docker-', 'docker'],
  ['libpod-conmon-', 'podman'],
  ['libpod-', 'podman'],
]

/** "<prefix><hex>[.scope]" or a bare hex ID: the ID and the runtime its prefix names. */
function idOf(segment: string): {id: string; runtime: Runtime | null} | null {
  const s = segment.replace(/\.scope$/, '')
  if (HEX_ID.test(s)) return {id: s, runtime: null}
  for (const [prefix, runtime] of PREFIXES)
    if (s.startsWith(prefix) && HEX_ID.test(s.slice(prefix.length))) return {id: s.slice(prefix.length), runtime}
  return null
}

const UID = /([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/

/** The pod UID of a "pod<uid>" (cgroupfs) or "...-pod<uid with '_'>.slice" (systemd) segment. */
function podUidOf(segment: string): string | null {
  const m = new RegExp(`(?:^|-)pod${UID.source}(?:\\.slice)?$`).exec(segment)
  return m ? m[1]!.replace(/_/g, '-') : null
}

export function containerName(cgroupPath: string): ContainerName {
  const segs = cgroupPath.split('/').filter((s) => s !== '' && s !== '.')
  const last = segs.length ? idOf(segs[segs.length - 1]!) : null
  const out: ContainerName = {containerId: last?.id ?? null, runtime: last?.runtime ?? null, kubernetes: null}
  if (last?.runtime === null && segs.includes('docker')) out.runtime = 'docker'
  const top = segs.findIndex((s) => s === 'kubepods' || s === 'kubepods.slice' || s === 'kubelet-kubepods.slice')
  if (top < 0) return out
  let qos: QosClass | null = null
  let i = top + 1
  const level = segs[i] ?? ''
  if (level === 'burstable' || level.endsWith('-burstable.slice')) qos = 'Burstable'
  else if (level === 'besteffort' || level.endsWith('-besteffort.slice')) qos = 'BestEffort'
  if (qos) i++
  const podUid = segs[i] ? podUidOf(segs[i]!) : null
  // Guaranteed pods have no QoS level: the pod sits right under kubepods.
  if (qos === null && podUid !== null) qos = 'Guaranteed'
  out.kubernetes = {podUid, qosClass: qos}
  return out
}
