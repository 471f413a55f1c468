// The built CLI on a few corrupted trees (the in-process property over many is sysroots.test.ts).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, cli} from '../helpers/live.js'
import {skip} from '../helpers/skip.js'
import {SysrootFuzz} from './sysroots.js'

const scratch = mkdtempSync(join(tmpdir(), 'gv-fuzz-cli-'))
const fuzz = new SysrootFuzz(scratch)
test.after(() => rmSync(scratch, {recursive: true, force: true}))

if (!built()) skip(test, 'the CLI on corrupted trees', 'dist/ is not built (npm test builds first)')
else
  test('the built CLI on a few corrupted trees: exit 0, no NaN/undefined, no secret', async () => {
    let ran = 0
    await fc.assert(
      fc.asyncProperty(fuzz.arbitrary(), async (input) => {
        const fx = fuzz.fixtures[input.fixture]!
        // Corrupt in place through check()'s machinery, but run the CLI inside it.
        await fuzz.withCorrupted(input, () => {
          for (const args of [['report', '--json'], ['views'], ['check']]) {
            const r = cli([...args, '--root', fx.work], {timeoutMs: 20_000})
            // A tree whose proc/self/cgroup is gone (a link out of the tree) is no sysroot: exit 2, one line
            // (on stderr; with --json, as the error object on stdout).
            if (r.status === 2 && /holds no proc\/self\/cgroup/.test(r.stderr + r.stdout)) continue
            assert.is(r.status, 0, `${fx.name} ${args.join(' ')}: ${r.stderr}`)
            assert.not.match(r.stdout, /\bNaN\b|\bundefined\b|\bInfinity\b/)
            assert.not.ok(r.stdout.includes(fuzz.mark))
          }
        })
        ran++
      }),
      {numRuns: 4},
    )
    assert.is(ran, 4)
  })

test.run()
