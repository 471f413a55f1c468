// Where a controller's files are, for the implementations: the directories to walk (leaf first), or why
// there are none. Shared by the v1 and v2 controllers, so both say "not mounted" and "not placed" alike.
import {notThere, unsupported, type Unread} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {ancestorDirs, type Hierarchy} from './discover.js'

/** Placed (a leaf and its ancestors) or not (no directories, and why). */
export type Placement = ({leaf: string; unplaced: null} | {leaf: null; unplaced: Unread}) & {dirs: string[]}

export function placement(h: Hierarchy | null, controller: string): Placement {
  if (!h) return {dirs: [], leaf: null, unplaced: notThere(`no ${controller} controller is mounted`)}
  if (!h.dir) {
    // A cgroup path outside the mount's root (a mount made above this cgroup namespace): this layout cannot
    // show our directory. Never guessed: the mount point's own files are another cgroup's.
    const unplaced = h.unread ?? unsupported(null, h.problem ?? `${controller} cgroup directory unknown`)
    return {dirs: [], leaf: null, unplaced}
  }
  return {dirs: ancestorDirs(h), leaf: h.dir, unplaced: null}
}

/** Read at the leaf, or say why there is no leaf. */
export function atLeaf<T>(p: Placement, read: (leaf: string) => T): T | Unread {
  return p.leaf === null ? p.unplaced : read(p.leaf)
}

/**
 * What every controller implementation (v1 and v2, cpu, memory, pids, io) starts from: its sysroot, where its
 * files are, and why there are none. The part of the controller interfaces (controllers.ts) that is the same
 * whatever the version.
 */
export abstract class Placed {
  readonly dirs: string[]
  readonly unplaced: Unread | null
  protected readonly at: Placement

  constructor(
    protected readonly sys: Sysroot,
    h: Hierarchy | null,
    controller: string,
  ) {
    this.at = placement(h, controller)
    this.dirs = this.at.dirs
    this.unplaced = this.at.unplaced
  }
}
