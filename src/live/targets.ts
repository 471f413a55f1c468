// What a live view samples: a list of targets, asked again at every collection (with --pod, containers come
// and go). Today there is one kind, this process's own container (`self`) read through the --root sysroot.
// The seam is here so that --pid (another process's container, read through /proc/PID/root) and --pod (one
// target per container visible from here) slot in as more ways to build the list, without touching the
// samplers, the screens or the metrics, which only see {name, open()}.
import {Sysroot} from '../sysroot/sysroot.js'

export type Target = {
  /** The `container` label of the metrics and the row name of watch: "self" for our own container. */
  name: string
  /** A fresh sysroot for one snapshot (a Sysroot caches what it read: one instance is one snapshot). */
  open(): Sysroot
}

export type Targets = () => Target[]

export const SELF = 'self'

/** This process's own container, read under rootDir. */
export function selfTarget(rootDir: string): Target {
  return {name: SELF, open: () => new Sysroot(rootDir)}
}

export function selfTargets(rootDir: string): Targets {
  const self = selfTarget(rootDir)
  return () => [self]
}
