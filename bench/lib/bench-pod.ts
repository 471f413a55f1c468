// The pod bench/pod.ts measures and bench/pod-shell.ts keeps up for profiling: a podman pod sharing its PID
// namespace, with an app of 120 processes (1 core, 256 MiB), a worker of 79 (0.5 core, 128 MiB) and
// guestview's own container (1 core, 256 MiB) idle for `podman exec`, plus the pause container: about 200
// processes. Root in every container: the same uid and the same default capabilities, so guestview may read
// them all.
import {failure} from '../../test/helpers/podman.js'
import {createPod, startInPod} from '../../test/helpers/podman-pod.js'
import {GUESTVIEW_IMAGE, guestviewImage} from '../../test/helpers/podman-shared.js'
import type {Podman} from '../../test/helpers/podman.js'

const sleepers = (n: number) => ['-c', `for i in $(seq ${n}); do sleep 3600 & done; wait`]

/**
 * Builds the test image and starts the pod POD (containers POD-app, POD-worker, POD-guestview). `mounts` are
 * the guestview container's extra -v flags; `extra` goes to every container (e.g. a longer --timeout: the
 * last one given wins over startInPod's).
 */
export function startBenchPod(pm: Podman, pod: string, mounts: string[], extra: string[] = []): void {
  const b = guestviewImage(pm)
  if (!b.ok) throw new Error(b.reason)
  const c = createPod(pm, pod)
  if (c.status !== 0) throw new Error(failure(c))
  const common = ['--pids-limit=256', '--user=0', '--entrypoint=sh', ...extra]
  startInPod(pm, pod, `${pod}-app`, ['--cpus=1', '--memory=256m', ...common], GUESTVIEW_IMAGE, sleepers(119))
  startInPod(pm, pod, `${pod}-worker`, ['--cpus=0.5', '--memory=128m', ...common], GUESTVIEW_IMAGE, sleepers(78))
  const own = ['--cpus=1', '--memory=256m', ...mounts, ...common]
  startInPod(pm, pod, `${pod}-guestview`, own, GUESTVIEW_IMAGE, ['-c', 'sleep 3600'])
}
