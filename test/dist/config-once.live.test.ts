// oclif's static Command.run calls Config.load with the config runCommand has just loaded, and stock oclif 4
// builds and loads a second one from it ("reloading config from @oclif/core@4.14.0 to @oclif/core@4.14.0" under
// DEBUG): the theme file looked for again, the directories, every command's permutations and topics. The
// build's edit (scripts/dependency-edits.mjs) takes a loaded config of the same oclif as it is. What a config's
// load does that a preload script can see: it looks for the user's theme file (fs.existsSync, the edit that
// spares a missing file's rejected promise). With DEBUG set, oclif reloads as before, to log it.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built} from '../helpers/live.js'
import {preloadRuns} from '../helpers/preload-report.js'
import {skip} from '../helpers/skip.js'

const NAME = 'a run of the single file loads its oclif config once'

if (!built()) skip(test, NAME, 'dist/guestview.mjs is not built: run `npm run build`')
else {
  const runs = preloadRuns(
    'config-once',
    [
      "const fs = require('node:fs')",
      'const existsSync = fs.existsSync',
      'let looks = 0',
      "fs.existsSync = (path, ...rest) => { if (String(path).endsWith('/guestview/theme.json')) looks++; return existsSync(path, ...rest) }",
      "process.on('exit', () => fs.writeFileSync(process.env.GV_REPORT, String(looks)))",
    ].join('\n'),
  )
  test.after(runs.remove)

  const themeLooks = (args: string[], env: Record<string, string> = {}): number =>
    Number(
      runs.report(args, {XDG_CACHE_HOME: join(runs.dir, 'cache'), XDG_CONFIG_HOME: join(runs.dir, 'config'), ...env}),
    )

  test(`${NAME}: owns --json, check and metrics look for the theme file once`, () => {
    for (const args of [['owns', '--json'], ['check'], ['metrics']]) assert.is(themeLooks(args), 1, args.join(' '))
  })

  test(`${NAME}: with DEBUG set, oclif reloads it as it always did (and says so)`, () => {
    assert.is(themeLooks(['owns', '--json'], {DEBUG: 'config'}), 2)
  })
}

test.run()
