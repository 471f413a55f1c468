// One private podman, one base image and one guestview image per test process, shared by every test file
// that runs containers (test/image/podman.test.ts, test/image/pod.test.ts): uvu imports every file first
// and runs them one after another in one process, so the image (about a minute to build) is built once.
// Each file acquires the podman when it is imported and releases it in its `after` hook; the last release
// removes the containers, images, storage and cgroups, and a process exit removes them whatever happened.
import {readFileSync} from 'node:fs'
import {REPO} from './paths.js'
import {cleanup, Deadline, failure, importBase, privatePodman, type Podman} from './podman.js'

export const BASE_IMAGE = 'localhost/guestview-test-base:node20'
export const GUESTVIEW_IMAGE = 'localhost/guestview-test:latest'

let shared: Podman | null = null
let users = 0
let cleaned = false
type Built = {ok: true; baseMs: number; baseBytes: number; buildMs: number} | {ok: false; reason: string}
let built: Built | null = null

function cleanAll(): string[] {
  if (!shared || cleaned) return []
  cleaned = true
  return cleanup(shared)
}

/** The shared podman, made on first use; `deadline` bounds the commands of the file now running. */
export function acquirePodman(deadline: Deadline): Podman {
  users++
  if (!shared) {
    shared = privatePodman(deadline)
    process.on('exit', cleanAll)
  }
  return shared
}

/** Give the podman to the file about to run (its deadline bounds every command from now on). */
export function usePodman(pm: Podman, deadline: Deadline): void {
  deadline.restart()
  pm.deadline = deadline
}

/** The last user removes everything; earlier ones get []. Returns the problems cleanup met. */
export function releasePodman(): string[] {
  users--
  return users > 0 ? [] : cleanAll()
}

/**
 * The base image from this machine and Dockerfile.guest built on it, once per process. The first caller pays
 * (and gets `fresh: true` with the times, for the log); later callers get the same result at once.
 */
export function guestviewImage(pm: Podman): Built & {fresh: boolean} {
  if (built) return {...built, fresh: false}
  const b = importBase(pm, BASE_IMAGE)
  if (!b.ok) {
    built = {ok: false, reason: `base image: ${b.reason}`}
    return {...built, fresh: true}
  }
  const pkg = JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')) as {version: string}
  const r = pm.run(
    [
      'build',
      '--network=host',
      '--pull=never',
      `--cgroup-parent=${pm.cgroupParent}`,
      '--ulimit=nofile=4096:4096',
      '--ulimit=nproc=4096:4096',
      `--build-arg=BASE=${BASE_IMAGE}`,
      `--build-arg=VERSION=${pkg.version}`,
      '-f',
      'Dockerfile.guest',
      '-t',
      GUESTVIEW_IMAGE,
      REPO,
    ],
    420_000,
  )
  built = r.status === 0 ? {ok: true, baseMs: b.ms, baseBytes: b.bytes, buildMs: r.ms} : {ok: false, reason: failure(r)}
  return {...built, fresh: true}
}
