// The long fuzz run (issue 13): `node --import tsx bench/fuzz.ts [PARSER_CASES] [SYSROOT_CASES]` runs the
// parser property PARSER_CASES times in all (default 100 000, spread over every parser) and the
// whole-sysroot property SYSROOT_CASES times (default 10 000), then prints the counts, the time and the
// result. `npm test` runs a bounded sample of the same properties (test/fuzz/*.test.ts).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {checkParsers, PARSERS} from '../test/fuzz/parsers.js'
import {SysrootFuzz} from '../test/fuzz/sysroots.js'

const parserCases = Number(process.argv[2] ?? 100_000)
const sysrootCases = Number(process.argv[3] ?? 10_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)

const t0 = performance.now()
const ran = checkParsers(Math.ceil(parserCases / PARSERS.length), seed)
const t1 = performance.now()
console.log(
  `parsers: ${ran} cases over ${PARSERS.length} parsers in ${((t1 - t0) / 1000).toFixed(1)} s: clean (seed ${seed})`,
)

const scratch = mkdtempSync(join(tmpdir(), 'gv-fuzz-bench-'))
try {
  const fuzz = new SysrootFuzz(scratch)
  await fc.assert(
    fc.asyncProperty(fuzz.arbitrary(), (input) => fuzz.check(input)),
    {numRuns: sysrootCases, seed},
  )
  const t2 = performance.now()
  console.log(
    `sysroots: ${fuzz.cases} corrupted trees over ${fuzz.fixtures.length} fixtures in ${((t2 - t1) / 1000).toFixed(1)} s: clean (seed ${seed})`,
  )
  console.log(`total: ${ran + fuzz.cases} cases in ${((t2 - t0) / 1000).toFixed(1)} s, 0 failures`)
} finally {
  rmSync(scratch, {recursive: true, force: true})
}
