// The benchmark pod of bench/pod.ts, kept up for profiling: the same 3 containers and ~200 processes, with
// this checkout mounted read-only at /wt in the guestview container (so that each rebuild runs there at once:
// /wt/dist/guestview.mjs) and /tmp/gvprof at /prof for profiles. Prints the podman command that enters the guestview container, then waits; Ctrl-C (or SIGTERM) removes the
// pod, the storage and the cgroups.
//
// Usage (root, podman as for bench/pod.ts): node --import tsx bench/pod-shell.ts
// then e.g.: $PODMAN exec gvprof-guestview node --cpu-prof --cpu-prof-dir=/prof /wt/dist/guestview.mjs pod --json
import {mkdirSync} from 'node:fs'
import {Deadline, ensurePackages, failure} from '../test/helpers/podman.js'
import {createPod, POD_PACKAGES, removePod, startInPod} from '../test/helpers/podman-pod.js'
import {sharedPodman} from '../test/helpers/images.js'
import {GUESTVIEW_IMAGE, guestviewImage} from '../test/helpers/podman-shared.js'
import {REPO} from '../test/helpers/paths.js'

const deadline = new Deadline(3 * 3600_000)
const missing = ensurePackages(POD_PACKAGES, deadline)
if (missing) {
  console.error(`pod-shell: ${missing}`)
  process.exit(2)
}
const POD = 'gvprof'
const PROF = '/tmp/gvprof'
mkdirSync(PROF, {recursive: true})
// The pod first (registered before sharedPodman's handlers, which then remove the rest and exit).
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => removePod(pm, POD))
const pm = sharedPodman(deadline) // removed at exit (SIGINT/SIGTERM too), with its storage and cgroups
const sleepers = (n: number) => ['-c', `for i in $(seq ${n}); do sleep 3600 & done; wait`]
const b = guestviewImage(pm)
if (!b.ok) throw new Error(b.reason)
const c = createPod(pm, POD)
if (c.status !== 0) throw new Error(failure(c))
// startInPod's --timeout=600 would stop them after 10 minutes: the last --timeout given wins.
const common = ['--pids-limit=256', '--user=0', '--entrypoint=sh', '--timeout=10800']
startInPod(pm, POD, `${POD}-app`, ['--cpus=1', '--memory=256m', ...common], GUESTVIEW_IMAGE, sleepers(119))
startInPod(pm, POD, `${POD}-worker`, ['--cpus=0.5', '--memory=128m', ...common], GUESTVIEW_IMAGE, sleepers(78))
startInPod(
  pm,
  POD,
  `${POD}-guestview`,
  ['--cpus=1', '--memory=256m', `-v=${REPO}:/wt:ro`, `-v=${PROF}:/prof`, ...common],
  GUESTVIEW_IMAGE,
  ['-c', 'sleep 3600'],
)
const env = Object.entries(pm.env)
  .filter(([k]) => k.startsWith('CONTAINERS_') || k === 'TMPDIR')
  .map(([k, v]) => `${k}=${v}`)
console.log(`PODMAN="env ${env.join(' ')} podman ${pm.global.join(' ')}"`)
console.log(`ready: $PODMAN exec ${POD}-guestview node /wt/dist/guestview.mjs pod --json`)
await new Promise((r) => setTimeout(r, 3 * 3600_000))
removePod(pm, POD)
