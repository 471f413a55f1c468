import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The checkout: the nearest directory above this file whose package.json is guestview's. Tests run from this
 * source (tsx) or from the fast loop's esbuild-compiled copy under node_modules/.cache (test/run-tests.mjs
 * --unit): both find the same checkout, its fixtures and schemas.
 */
function checkout(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as {name?: unknown}).name === 'guestview') return dir
  }
  return join(here, '..', '..')
}

export const REPO = checkout()
export const FIXTURES = join(REPO, 'fixtures')
export const BIN = join(REPO, 'bin', 'run.js')

/** The fast loop (`npm run test:unit`, GUESTVIEW_TEST_LOOP=unit) runs no built CLI: a test file that starts it
 * is a live test and must be named *.live.test.ts, or it fails here at once with that advice (not after a
 * minute of timeouts, and not only on a machine without a build). */
export function assertLiveTest(what: string): void {
  if (process.env.GUESTVIEW_TEST_LOOP === 'unit')
    throw new Error(`${what}: test:unit runs no built CLI; name this test file *.live.test.ts`)
}
