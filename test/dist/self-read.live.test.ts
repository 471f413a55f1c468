// The single file's sections are taken from its own source text, which Node read to run it (a function's
// toString: scripts/sections.mjs): the loader never opens the file again. Reading the program's section again
// made a second ~0.5 MB copy of it, which set off a garbage collection in every run. A preload script counts
// the loader's opens of the file (fs.openSync, which the loader uses) for a JSON run, a terminal-less run of
// each chunk's command (metrics), and a run with no code cache (every section compiled from its text).
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {fsCallCounter, preloadRuns} from '../helpers/preload-report.js'
import {skip} from '../helpers/skip.js'

const NAME = 'the single file reads its sections from its own source'
const BUNDLE = join(REPO, 'dist', 'guestview.mjs')

if (!built()) skip(test, NAME, 'dist/guestview.mjs is not built: run `npm run build`')
else {
  const runs = preloadRuns('self-read', fsCallCounter('openSync', 'path === process.env.GV_FILE'))
  test.after(runs.remove)

  const opensOfFile = (args: string[], env: Record<string, string> = {}): number =>
    Number(runs.report(args, {GV_FILE: BUNDLE, XDG_CACHE_HOME: join(runs.dir, 'cache'), ...env}))

  test(`${NAME}: owns --json, metrics and a run with no code cache never open the file`, () => {
    assert.is(opensOfFile(['owns', '--json']), 0)
    assert.is(opensOfFile(['owns', '--json']), 0, 'with its code cache')
    assert.is(opensOfFile(['metrics']), 0)
    assert.is(opensOfFile(['check'], {GUESTVIEW_CODE_CACHE: '0'}), 0)
  })
}

test.run()
