// A bounded sample of the whole-sysroot property (bench/fuzz.ts runs the full count), in process; the built
// CLI on a few corrupted trees is sysroots-cli.live.test.ts.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {SysrootFuzz} from './sysroots.js'

const RUNS = Number(process.env.GUESTVIEW_FUZZ_SYSROOT_RUNS ?? 500)
const scratch = mkdtempSync(join(tmpdir(), 'gv-fuzz-'))
const fuzz = new SysrootFuzz(scratch)
test.after(() => rmSync(scratch, {recursive: true, force: true}))

test(`${RUNS} corrupted sysroots over ${fuzz.fixtures.length} fixtures: no crash, hang, NaN, leak or stray write`, async () => {
  await fc.assert(
    fc.asyncProperty(fuzz.arbitrary(), (input) => fuzz.check(input)),
    {numRuns: RUNS},
  )
  assert.is(fuzz.cases, RUNS)
})

test.run()
