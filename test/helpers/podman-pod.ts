// Podman pods for the --pid and `pod` tests: a pod whose containers share one PID namespace, as a
// Kubernetes pod with shareProcessNamespace (or `kubectl debug --target`) has. Facts (test-environment.md):
// the pod's infra container is podman's pause image, which podman builds offline from catatonit (Debian
// package catatonit, /usr/libexec/podman/catatonit); `--share pid` shares only the PID namespace, so every
// container still needs `--network=none` (no netavark network is set up); inside, the infra's catatonit is
// PID 1 and each container's first process gets the next PIDs.
import {readFileSync} from 'node:fs'
import {PODMAN_PACKAGES, failure, type Podman, type Run} from './podman.js'

/** What a pod test needs beyond the image tests: catatonit, from which podman builds its pause image. */
export const POD_PACKAGES = [...PODMAN_PACKAGES, 'catatonit']

/** A pod sharing its PID namespace, under the test's cgroup parent, with no network. */
export function createPod(pm: Podman, name: string, cgroupParent = pm.cgroupParent): Run {
  return pm.run(['pod', 'create', `--name=${name}`, '--share=pid', '--network=none', `--cgroup-parent=${cgroupParent}`])
}

/** `podman run -d` of a container in a pod, bounded by --timeout; throws with podman's words on failure. */
export function startInPod(pm: Podman, pod: string, name: string, flags: string[], image: string, cmd: string[]): void {
  const r = pm.run([
    'run',
    '-d',
    `--pod=${pod}`,
    `--name=${name}`,
    '--network=none',
    '--timeout=600',
    ...flags,
    image,
    ...cmd,
  ])
  if (r.status !== 0) throw new Error(failure(r))
}

/** The host PID of a running container's first process. */
export function hostPidOf(pm: Podman, container: string): number {
  const r = pm.run(['inspect', '--format', '{{.State.Pid}}', container])
  const pid = Number(r.stdout.trim())
  if (r.status !== 0 || !Number.isInteger(pid) || pid <= 0) throw new Error(`no PID for ${container}: ${failure(r)}`)
  return pid
}

/** A host PID as the innermost PID namespace numbers it (the last NSpid entry, proc(5)): the PID a pod sees. */
export function nsPidOf(hostPid: number): number {
  const line = /^NSpid:\s+(.+)$/m.exec(readFileSync(`/proc/${hostPid}/status`, 'utf8'))?.[1]
  const last = line?.trim().split(/\s+/).pop()
  if (!last || !/^\d+$/.test(last)) throw new Error(`no NSpid for host PID ${hostPid}`)
  return Number(last)
}

/** The full ID of a container (as its cgroup path shows it). */
export function containerId(pm: Podman, container: string): string {
  const r = pm.run(['inspect', '--format', '{{.Id}}', container])
  if (r.status !== 0) throw new Error(failure(r))
  return r.stdout.trim()
}

/** Remove a pod and its containers at once. */
export function removePod(pm: Podman, name: string): Run {
  return pm.run(['pod', 'rm', '-f', '-t', '0', name])
}
