// The benchmark pod of bench/pod.ts, kept up for profiling: the same 3 containers and ~200 processes, with
// this checkout mounted read-only at /wt in the guestview container (so that each rebuild runs there at once:
// /wt/dist/guestview.mjs) and /tmp/gvprof at /prof for profiles. Prints the podman command that enters the guestview container, then waits; Ctrl-C (or SIGTERM) removes the
// pod, the storage and the cgroups.
//
// Usage (root, podman as for bench/pod.ts): node --import tsx bench/pod-shell.ts
// then e.g.: $PODMAN exec gvprof-guestview node --cpu-prof --cpu-prof-dir=/prof /wt/dist/guestview.mjs pod --json
import {mkdirSync} from 'node:fs'
import {Deadline, ensurePackages} from '../test/helpers/podman.js'
import {POD_PACKAGES, removePod} from '../test/helpers/podman-pod.js'
import {sharedPodman} from '../test/helpers/images.js'
import {REPO} from '../test/helpers/paths.js'
import {startBenchPod} from './lib/bench-pod.js'

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
// startInPod's --timeout=600 would stop them after 10 minutes: the last --timeout given wins.
startBenchPod(pm, POD, [`-v=${REPO}:/wt:ro`, `-v=${PROF}:/prof`], ['--timeout=10800'])
const env = Object.entries(pm.env)
  .filter(([k]) => k.startsWith('CONTAINERS_') || k === 'TMPDIR')
  .map(([k, v]) => `${k}=${v}`)
console.log(`PODMAN="env ${env.join(' ')} podman ${pm.global.join(' ')}"`)
console.log(`ready: $PODMAN exec ${POD}-guestview node /wt/dist/guestview.mjs pod --json`)
await new Promise((r) => setTimeout(r, 3 * 3600_000))
removePod(pm, POD)
