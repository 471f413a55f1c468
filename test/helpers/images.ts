// One private podman for every image test of a run (test/image/*, test/dist/container.live.test.ts), and the
// base images they share, each made once: uvu runs all test files in one process, so the second file finds
// the first one's storage and bases (CI budget: making a Node base is a 120 MB import). Everything goes at
// process exit (or on SIGINT/SIGTERM): containers, images, storage, the cgroup parent.
import {cleanup, Deadline, importBase, privatePodman, type BaseSpec, type Podman} from './podman.js'
import {onExit} from './on-exit.js'

let shared: Podman | null = null
const bases = new Map<string, {ok: true; name: string} | {ok: false; reason: string}>()

/** The run's podman; `deadline` bounds the calling file's commands from now on. */
export function sharedPodman(deadline: Deadline): Podman {
  if (!shared) {
    const pm = privatePodman(deadline)
    shared = pm
    let cleaned = false
    const cleanAll = () => {
      if (cleaned) return
      cleaned = true
      const problems = cleanup(pm)
      if (problems.length) console.log(`  podman cleanup problems:\n    ${problems.join('\n    ')}`)
    }
    onExit(cleanAll)
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => {
        cleanAll()
        process.exit(130)
      })
  }
  shared.deadline = deadline
  return shared
}

/** A base image made by importBase, once per run: its name, or why it could not be made. */
export function baseImage(
  pm: Podman,
  name: string,
  spec: BaseSpec = {},
): {ok: true; name: string} | {ok: false; reason: string} {
  const known = bases.get(name)
  if (known) return known
  const b = importBase(pm, name, spec)
  const result = b.ok ? ({ok: true, name} as const) : b
  if (b.ok) console.log(`  podman: base ${name} made in ${b.ms} ms, ${(b.bytes / 1e6).toFixed(1)} MB`)
  bases.set(name, result)
  return result
}
