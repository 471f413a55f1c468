// The ancestor walk: a limit applies at every level of the hierarchy (cgroup-v2.rst "Top-down Constraint";
// cgroup-v1/memory.rst "Hierarchy support"), so what binds is the tightest over this cgroup and every
// visible ancestor, and the cgroup that sets it is the one to name (and to read throttling from).
import {absent, notThere, type Field, type Unread, type Value} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'

/** One cgroup's own setting for a limit, as read during the walk. */
export type Level<T> = {
  dir: string
  setting: Field<T>
  /** For an absent setting only: whether the directory itself exists (see readLevels). */
  dirExists?: boolean
}
export type SetLevel<T> = Level<T> & {setting: Value<T>}

/**
 * Read one setting per directory (leaf first). A limit file that is absent means "no limit at this level"
 * only if the directory itself exists (root cgroups, and v2 cgroups without the controller enabled, have no
 * limit files). If the directory is gone too, path translation went wrong or the cgroup was removed: that
 * level is unknown, not unlimited. Listing the directory tells "exists" from "gone" without reading PIDs.
 */
export function readLevels<T>(sys: Sysroot, dirs: string[], read: (dir: string) => Field<T>): Level<T>[] {
  return dirs.map((dir) => {
    const setting = read(dir)
    if (setting.kind !== 'absent') return {dir, setting}
    return {dir, setting, dirExists: sys.list(dir).kind !== 'absent'}
  })
}

/** A level that could not be read, and so bounds nothing: an unreadable file, or an absent directory. */
function unreadLevel<T>(l: Level<T>): Unread | null {
  const s = l.setting
  if (s.kind === 'value' || s.kind === 'unlimited') return null
  if (s.kind === 'absent' && l.dirExists !== false) return null
  if (s.kind === 'absent')
    return absent(l.dir, 'the cgroup directory: the cgroup was removed, or its path was not placed right')
  return s
}

export type Walked<T> = {
  /** The tightest value (its path: the file that sets it), unlimited, or why it is unknown. */
  result: Field<T>
  /** The level that sets the limit, when one does. */
  from: SetLevel<T> | null
  /** Caveats: levels that could not be read (the limit is then an upper bound), limits that cannot bind. */
  notes: string[]
  levels: Level<T>[]
}

/**
 * The tightest limit over the levels (leaf first). A leaf tighter than its parent keeps the leaf's limit;
 * on a tie the leaf-most level wins, since that is the one a user would change. A level that could not be
 * read makes a found limit an upper bound (said in notes) and, with no limit found, makes the result unknown.
 * `none` says why there is nothing to walk when there are no levels at all.
 */
export function tightest<T>(levels: Level<T>[], size: (v: T) => number, none: Unread | null): Walked<T> {
  let from: SetLevel<T> | null = null
  for (const l of levels) {
    if (l.setting.kind === 'value' && (from === null || size(l.setting.value) < size(from.setting.value)))
      from = l as SetLevel<T>
  }
  const unread = levels.map(unreadLevel).filter((u): u is Unread => u !== null)
  if (from) {
    return {result: from.setting, from, notes: unread.map((u) => `upper bound: ${u.reason}`), levels}
  }
  if (unread.length > 0) return {result: unread[0]!, from: null, notes: [], levels}
  const first = levels[0]
  if (!first) return {result: none ?? notThere('no cgroup directory to read'), from: null, notes: [], levels}
  const cannotBind = levels.flatMap((l) =>
    l.setting.kind === 'unlimited' && l.setting.reason ? [l.setting.reason] : [],
  )
  const u = levels.find((l) => l.setting.kind === 'unlimited')
  const result: Field<T> = u
    ? {kind: 'unlimited', path: u.setting.path as string}
    : {kind: 'unlimited', path: `${first.dir} (no limit file at any level)`}
  return {result, from: null, notes: cannotBind, levels}
}
