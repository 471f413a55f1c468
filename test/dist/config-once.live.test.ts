// oclif's static Command.run calls Config.load with the config runCommand has just loaded, and stock oclif 4
// builds and loads a second one from it ("reloading config from @oclif/core@4.14.0 to @oclif/core@4.14.0" under
// DEBUG): the theme file looked for again, the directories, every command's permutations and topics. The
// build's edit (scripts/dependency-edits.mjs) takes a loaded config of the same oclif as it is. What a config's
// load does that a preload script can see: stock oclif looks for the user's theme file (fs.existsSync, the edit
// that spares a missing file's rejected promise). The build's config reads its theme where first read (help),
// so a JSON run never looks; with DEBUG set, oclif loads its theme and reloads its config as before, to log it.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, run} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {fsCallCounter, preloadRuns} from '../helpers/preload-report.js'
import {skip} from '../helpers/skip.js'

const NAME = 'a run of the single file loads its oclif config once'

if (!built()) skip(test, NAME, 'dist/guestview.mjs is not built: run `npm run build`')
else {
  const runs = preloadRuns('config-once', fsCallCounter('existsSync', "path.endsWith('/guestview/theme.json')"))
  test.after(runs.remove)

  const themeLooks = (args: string[], env: Record<string, string> = {}): number =>
    Number(
      runs.report(args, {XDG_CACHE_HOME: join(runs.dir, 'cache'), XDG_CONFIG_HOME: join(runs.dir, 'config'), ...env}),
    )

  test(`${NAME}: owns --json, check and metrics never look for the theme file; help looks once`, () => {
    for (const args of [['owns', '--json'], ['check'], ['metrics']]) assert.is(themeLooks(args), 0, args.join(' '))
    assert.is(themeLooks(['owns', '--help']), 1)
    assert.is(themeLooks(['--help']), 1)
  })

  test(`${NAME}: help still takes its colours from the user's theme file`, () => {
    const config = join(runs.dir, 'themed')
    mkdirSync(join(config, 'guestview'), {recursive: true})
    writeFileSync(join(config, 'guestview', 'theme.json'), JSON.stringify({sectionHeader: 'red', bin: 'green'}))
    const env = {XDG_CACHE_HOME: join(runs.dir, 'cache'), XDG_CONFIG_HOME: config, NO_COLOR: '', FORCE_COLOR: '1'}
    const help = run(process.execPath, [join(REPO, 'dist', 'guestview.mjs'), 'owns', '--help'], {env})
    assert.is(help.status, 0, help.stderr)
    assert.ok(help.stdout.includes('\x1b[31m\x1b[1mUSAGE\x1b[22m\x1b[39m'), help.stdout)
    assert.ok(help.stdout.includes('$ \x1b[32mguestview\x1b[39m owns'), help.stdout)
    const plain = run(process.execPath, [join(REPO, 'dist', 'guestview.mjs'), 'owns', '--help'], {
      env: {...env, XDG_CONFIG_HOME: join(runs.dir, 'config')},
    })
    assert.ok(plain.stdout.includes('\x1b[1mUSAGE\x1b[22m\n'), plain.stdout)
  })

  test(`${NAME}: with DEBUG set, oclif reloads it as it always did (and says so)`, () => {
    assert.is(themeLooks(['owns', '--json'], {DEBUG: 'config'}), 2)
  })
}

test.run()
