// A skipped test must say why. skip() registers the test as skipped in uvu (counted in "Skipped") and
// logs the reason, which test/run-tests.mjs prints again at the end of the run.
import {appendFileSync} from 'node:fs'
import type {Test} from 'uvu'

export function skip(t: Test, name: string, reason: string): void {
  const line = `${name}: ${reason}`
  console.log(`  skipped: ${line}`)
  if (process.env.GUESTVIEW_SKIP_LOG) appendFileSync(process.env.GUESTVIEW_SKIP_LOG, line + '\n')
  t.skip(name, () => {})
}
