// The guestview image for the pod tests and the pod benchmark, built once per process on the run's shared
// podman (test/helpers/images.ts) with the same base, arguments and name as test/image/podman.live.test.ts
// (one build command, buildGuestviewImage): uvu runs test/image/pod.live.test.ts first, and podman.live's
// own build then finds every layer cached.
import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {baseImage} from './images.js'
import {officialNode} from './node-versions.js'
import {REPO} from './paths.js'
import {failure, type Podman, type Run} from './podman.js'

export const BASE_IMAGE = 'localhost/guestview-test-base:node24'
export const GUESTVIEW_IMAGE = 'localhost/guestview-test:latest'
const NPM_CACHE = join(homedir(), '.npm')

type Built = {ok: true; buildMs: number} | {ok: false; reason: string}
let built: Built | null = null

/** The image, built on first call (`fresh: true` with its time); later calls get the same result at once. */
export function guestviewImage(pm: Podman): Built & {fresh: boolean} {
  if (built) return {...built, fresh: false}
  const node24 = officialNode(24)
  if (!node24.ok) return {...(built = {ok: false, reason: node24.reason}), fresh: true}
  const b = baseImage(pm, BASE_IMAGE, {node: node24.node})
  if (!b.ok) return {...(built = {ok: false, reason: `base image: ${b.reason}`}), fresh: true}
  const r = buildGuestviewImage(pm)
  built = r.status === 0 ? {ok: true, buildMs: r.ms} : {ok: false, reason: failure(r)}
  return {...built, fresh: true}
}

/** `podman build` of Dockerfile.guest on BASE_IMAGE, tagged GUESTVIEW_IMAGE; the base must be built. */
export function buildGuestviewImage(pm: Podman): Run {
  const pkg = JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')) as {version: string}
  return pm.run(
    [
      'build',
      '--network=host',
      '--pull=never',
      // Its own parent: a RUN step's process goes straight into the parent and runc writes devices.deny
      // there, which v1 refuses (EINVAL) in a cgroup that already has children (the container test's).
      `--cgroup-parent=${pm.cgroupParent}/build`,
      '--ulimit=nofile=4096:4096',
      '--ulimit=nproc=4096:4096',
      `--build-arg=BASE=${BASE_IMAGE}`,
      `--build-arg=VERSION=${pkg.version}`,
      // npm ci reads this machine's npm cache first (an overlay: the build's writes are thrown away).
      ...(existsSync(NPM_CACHE) ? [`--volume=${NPM_CACHE}:/root/.npm:O`] : []),
      '-f',
      'Dockerfile.guest',
      '-t',
      GUESTVIEW_IMAGE,
      REPO,
    ],
    420_000,
  )
}
