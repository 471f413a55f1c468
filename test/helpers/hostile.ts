// Hostile trees for the security tests (issue 13): a scratch directory per test that holds the tree, the
// places an attacker aims at next to it, and a snapshot of everything outside the capture directory, so a
// test can prove that nothing there was read into the output, created, changed or removed.
import {createHash} from 'node:crypto'
import {cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {fixtureRoot} from './report.js'

const made: string[] = []

/** A new scratch directory (removed by cleanupScratch). */
export function scratch(prefix = 'gv-hostile-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function cleanupScratch(): void {
  for (const d of made.splice(0)) rmSync(d, {recursive: true, force: true})
}

/** A copy of a fixture's root tree at `to`, links kept as links. */
export function copyFixture(name: string, to: string): string {
  mkdirSync(to, {recursive: true})
  cpSync(fixtureRoot(name), to, {recursive: true, verbatimSymlinks: true})
  return to
}

/** Every entry under dir (except the paths in `skip`): type, mode, size, mtime and a hash of the content. */
export function snapshotTree(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (p: string) => {
    if (skip.some((s) => p === s || p.startsWith(s + '/'))) return
    const st = lstatSync(p)
    const rel = relative(dir, p) || '.'
    if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(p)}`)
    else if (st.isDirectory()) {
      out.set(rel, `dir ${(st.mode & 0o7777).toString(8)}`)
      for (const e of readdirSync(p)) walk(join(p, e))
    } else if (st.isFile()) {
      const hash = createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16)
      out.set(rel, `file ${(st.mode & 0o7777).toString(8)} ${st.size} ${st.mtimeMs} ${hash}`)
    } else out.set(rel, `other ${st.mode.toString(8)}`)
  }
  walk(dir)
  return out
}

/** What differs between two snapshots, as readable lines (empty when nothing changed). */
export function snapshotDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = []
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`${k}: ${v} -> ${b.get(k) ?? 'gone'}`)
  for (const [k, v] of b) if (!a.has(k)) out.push(`${k}: new ${v}`)
  return out
}

/** Every entry under dir whose type is not a regular file, a directory or a link (the capture writes only those). */
export function entriesOf(dir: string): {path: string; type: 'file' | 'dir' | 'link' | 'other'; mode: number}[] {
  const out: {path: string; type: 'file' | 'dir' | 'link' | 'other'; mode: number}[] = []
  const walk = (p: string) => {
    const st = lstatSync(p)
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other'
    out.push({path: '/' + relative(dir, p), type, mode: st.mode & 0o7777})
    if (type === 'dir') for (const e of readdirSync(p)) walk(join(p, e))
  }
  for (const e of readdirSync(dir)) walk(join(dir, e))
  return out
}
