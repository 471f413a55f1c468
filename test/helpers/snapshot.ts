// Text compared with a file kept in the tree (a snapshot): the screens' plain text and Ink frames, and the
// metrics exposition. `UPDATE_SNAPSHOTS=1` rewrites the files instead, after a deliberate change, and the diff
// is the review.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

/**
 * Null when `actual` is the snapshot at `path`, else what differs (the first line that does). With
 * UPDATE_SNAPSHOTS set, writes `actual` there (and a newline) and returns null.
 */
export function snapshotProblem(path: string, actual: string): string | null {
  if (process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(path, actual + '\n')
    return null
  }
  if (!existsSync(path)) return `${path}: missing (UPDATE_SNAPSHOTS=1 writes it)`
  const expected = readFileSync(path, 'utf8').replace(/\n$/, '')
  if (expected === actual) return null
  const a = actual.split('\n')
  const e = expected.split('\n')
  const differs = a.findIndex((l, i) => l !== e[i])
  const at = differs < 0 ? a.length : differs // actual ends where the snapshot goes on
  return `${path}: line ${at + 1}\n  expected: ${e[at]}\n  actual:   ${a[at]}`
}
