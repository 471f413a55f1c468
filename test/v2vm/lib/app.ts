// How the built app is packed into the VM: which files of the repository go under /app, and what
// /usr/local/bin/gv runs. Switching to the single bundled file is the one line at the bottom.
import {spawnSync} from 'node:child_process'
import {relative} from 'node:path'
import {REPO} from '../../helpers/paths.js'

export type AppPacking = {
  /** Paths relative to the repository, copied to the same paths under /app (directories recursively). */
  files: () => string[]
  /** The script the VM's `gv` runs as `node /app/<entry> "$@"`. */
  entry: string
}

/** Today: bin/run.js runs dist/ and needs package.json (oclif reads it) and the production dependencies. */
export const TREE: AppPacking = {
  files: () => ['bin', 'dist', 'package.json', ...productionModules()],
  entry: 'bin/run.js',
}

/** One bundled file with no package.json or node_modules beside it (issue 10). */
export const BUNDLE: AppPacking = {files: () => ['dist/guestview.mjs'], entry: 'dist/guestview.mjs'}

export const APP: AppPacking = TREE

/** node_modules/... directories of the production dependency tree (`npm ls --omit=dev`), outermost only. */
function productionModules(): string[] {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  })
  const dirs = (r.stdout ?? '')
    .split('\n')
    .filter(Boolean)
    .map((p) => relative(REPO, p))
    .filter((p) => p.startsWith('node_modules/'))
    .sort()
  if (dirs.length === 0) throw new Error(`npm ls --omit=dev listed no production dependencies: ${r.stderr}`)
  // A package nested under another's directory is copied with it.
  return dirs.filter((d, i) => !dirs.slice(0, i).some((outer) => d.startsWith(outer + '/')))
}
