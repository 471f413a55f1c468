// A bounded sample of the whole-sysroot property (bench/fuzz.ts runs the full count), in process: 500 cases in
// `npm test`, 25 in the fast loop (one of them checks capture), from the run's printed seed
// (test/helpers/sample.ts); GUESTVIEW_FUZZ_SYSROOT_RUNS=N asks for N. The built CLI on a few corrupted trees
// is sysroots-cli.live.test.ts.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {caseCount, SEED} from '../helpers/sample.js'
import {CAPTURE_EVERY, SysrootFuzz} from './sysroots.js'

const RUNS = caseCount('corrupted sysroots', 500, CAPTURE_EVERY, 'GUESTVIEW_FUZZ_SYSROOT_RUNS')
const scratch = mkdtempSync(join(tmpdir(), 'gv-fuzz-'))
const fuzz = new SysrootFuzz(scratch)
test.after(() => rmSync(scratch, {recursive: true, force: true}))

test(`${RUNS} corrupted sysroots over ${fuzz.fixtures.length} fixtures: no crash, hang, NaN, leak or stray write`, async () => {
  await fc.assert(
    fc.asyncProperty(fuzz.arbitrary(), (input) => fuzz.check(input)),
    {numRuns: RUNS, seed: SEED},
  )
  assert.is(fuzz.cases, RUNS)
})

test.run()
