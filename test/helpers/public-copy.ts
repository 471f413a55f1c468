// What a test runs as another user (uid 65534 after setpriv) must be reachable by that user wherever the
// checkout sits: a clone under /root, or in any mode-700 directory, is not (issue 14). publicCopy() copies
// the files into a new directory that everyone may traverse and read, under a temporary directory whose
// every ancestor is traversable too, and remove() deletes it.
import {chmodSync, copyFileSync, mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, dirname, join} from 'node:path'

export type PublicCopy = {dir: string; path(name: string): string; remove(): void}

/** Whether every directory from / down to `dir` lets others in (the x bit for "other"). */
function traversable(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false
    } catch {
      return false
    }
    if (d === dirname(d)) return true
  }
}

/** Copy `files` (absolute paths) into a world-readable temporary directory; executables stay executable. */
export function publicCopy(files: string[]): PublicCopy {
  const base = [tmpdir(), '/tmp', '/var/tmp', '/dev/shm'].find(traversable)
  if (!base) throw new Error('no temporary directory that other users can traverse')
  const dir = mkdtempSync(join(base, 'guestview-public-'))
  chmodSync(dir, 0o755)
  for (const f of files) {
    const to = join(dir, basename(f))
    copyFileSync(f, to)
    chmodSync(to, statSync(f).mode & 0o111 ? 0o755 : 0o644)
  }
  return {dir, path: (name) => join(dir, name), remove: () => rmSync(dir, {recursive: true, force: true})}
}
