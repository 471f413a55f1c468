// Resolving a guest path inside a sysroot tree, one component at a time, the way openat2(2) does with
// RESOLVE_IN_ROOT: the tree is untrusted (a capture sent with a support ticket, replayed as root), so a
// link in it must never reach a file outside it (issue 13 item 1: proc/meminfo -> /etc/shadow printed the
// shadow file). Node has no openat2, so every component is lstat'ed and every link is read and resolved
// here (on a mount that can hang, under the time box of timebox.ts):
//   - an absolute link target starts again at the root of the tree, as RESOLVE_IN_ROOT does;
//   - a ".." that would climb above the root is refused as denied "escapes the root" (openat2 clamps it
//     at the root; refusing says more, and no kernel file needs it);
//   - at most MAX_LINKS links per path (ELOOP), as the kernel's limit of 40.
// Under --root / none of this applies: the root is the machine, and the kernel resolves links as usual.
import {lstatSync, readlinkSync} from 'node:fs'
import {hangingMountOf} from './mount-table.js'
import {fromErrno, type Unread} from './outcome.js'
import {readLinkTimeBoxed} from './timebox.js'

export const MAX_LINKS = 40

/** The host path (as the value), or why not. */
export type Resolved = {kind: 'value'; host: string} | Unread

const escapes = (path: string, via: string): Unread => ({
  kind: 'denied',
  path,
  reason: `${path}: escapes the root (the link ${via} points outside the tree); not followed`,
})

/**
 * The host path of `guestPath` (normalised, absolute) under `rootDir` (absolute, not "/"), with every link
 * on the way resolved inside the root. `followLast: false` leaves a link in the last component as it is
 * (for readlink); `lastUnchecked` does not look at the last component at all (see below). `dirs` caches resolved directories for one snapshot (a Sysroot): most files share them.
 */
export function resolveInRoot(
  rootDir: string,
  guestPath: string,
  followLast = true,
  dirs?: Map<string, string[]>,
  lastUnchecked = false,
): Resolved {
  const segs = guestPath.split('/').filter((s) => s !== '' && s !== '.')
  if (segs.length === 0) return {kind: 'value', host: rootDir}
  const parentKey = '/' + segs.slice(0, -1).join('/')
  let parent = dirs?.get(parentKey)
  if (!parent) {
    const p = walk(rootDir, [], segs.slice(0, -1), true, guestPath)
    if (!Array.isArray(p)) return p
    parent = p
    dirs?.set(parentKey, parent)
  }
  // The caller opens the result with O_NOFOLLOW and resolves again if the last component is a link (ELOOP):
  // one lstat fewer for every file that is no link, which is nearly all. Not on a mount that can hang, where
  // every step is time-boxed.
  if (lastUnchecked) {
    const host = `${rootDir}/${[...parent, segs[segs.length - 1]!].join('/')}`
    if (!hangingMountOf(host)) return {kind: 'value', host}
  }
  const done = walk(rootDir, parent, segs.slice(-1), followLast, guestPath)
  if (!Array.isArray(done)) return done
  return {kind: 'value', host: done.length === 0 ? rootDir : `${rootDir}/${done.join('/')}`}
}

/** Resolve `queue` from the resolved components `from`: the components of the result, or why not. */
function walk(
  rootDir: string,
  from: string[],
  segments: string[],
  followLast: boolean,
  guestPath: string,
): string[] | Unread {
  const queue = [...segments]
  const done = [...from]
  let links = 0
  let lastLink = '(none)'
  while (queue.length > 0) {
    const seg = queue.shift()!
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      // Only link targets bring ".." here: guest paths are normalised before they arrive.
      if (done.length === 0) return escapes(guestPath, lastLink)
      done.pop()
      continue
    }
    const host = `${rootDir}/${[...done, seg].join('/')}`
    const last = queue.length === 0
    const target = linkTarget(host, guestPath)
    if (target !== null && typeof target !== 'string') return target
    if (target !== null && (!last || followLast)) {
      if (++links > MAX_LINKS)
        return {kind: 'malformed', path: guestPath, reason: `${guestPath}: too many links (ELOOP)`}
      lastLink = `/${[...done, seg].join('/')} -> ${target}`
      if (target.startsWith('/')) done.length = 0
      queue.unshift(...target.split('/').filter((s) => s !== '' && s !== '.'))
      continue
    }
    done.push(seg)
  }
  return done
}

/**
 * A link's target, null for anything else, or why it could not be told. On a mount that can hang (FUSE, NFS:
 * mount-table.ts) lstat waits for the server too, so there a killable child asks, under the time box.
 */
function linkTarget(host: string, guestPath: string): string | null | Unread {
  const hanging = hangingMountOf(host)
  if (hanging) {
    const l = readLinkTimeBoxed(guestPath, host, hanging)
    return l.kind === 'link' ? l.target : l.kind === 'not-link' ? null : l
  }
  try {
    return lstatSync(host).isSymbolicLink() ? readlinkSync(host) : null
  } catch (error) {
    return fromErrno(guestPath, error)
  }
}
