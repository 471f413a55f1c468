import {fileURLToPath} from 'node:url'
import {dirname, join} from 'node:path'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const FIXTURES = join(REPO, 'fixtures')
export const BIN = join(REPO, 'bin', 'run.js')

/** The fast loop (`npm run test:unit`, GUESTVIEW_TEST_LOOP=unit) runs no built CLI: a test file that starts it
 * is a live test and must be named *.live.test.ts, or it fails here at once with that advice (not after a
 * minute of timeouts, and not only on a machine without a build). */
export function assertLiveTest(what: string): void {
  if (process.env.GUESTVIEW_TEST_LOOP === 'unit')
    throw new Error(`${what}: test:unit runs no built CLI; name this test file *.live.test.ts`)
}
