// Where a controller's files are, for the implementations: the directories to walk (leaf first), or why
// there are none, and the walk over them. Shared by the v1 and v2 controllers, so both say "not mounted" and
// "not placed" alike.
import {notThere, unsupported, type Field, type Unread} from '../sysroot/outcome.js'
import {joinGuest} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {ancestorDirs, type Hierarchy} from './discover.js'
import {readLevels, tightest, type Walked} from './walk.js'

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

/** A file's path in the leaf (a pattern too: "blkio.throttle.*_device"), or null when there is no leaf. */
export function leafFile(p: Placement, name: string): string | null {
  return p.leaf === null ? null : joinGuest(p.leaf, name)
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

  /** The tightest of one setting over this controller's levels, leaf first (walk.ts), or why there are none. */
  protected tightestOver<T>(read: (dir: string) => Field<T>, size: (v: T) => number): Walked<T> {
    return tightest(readLevels(this.sys, this.dirs, read), size, this.at.unplaced)
  }
}
