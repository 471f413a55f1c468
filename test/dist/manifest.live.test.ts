// The single file carries oclif's command manifest, made by the build from the command classes
// (scripts/command-manifest.mjs, src/cli/manifest.ts), and loads a command's class only when that command runs;
// bin/dev.js has no manifest, and oclif describes every class as it starts. Help is drawn from the manifest:
// every screen of it must be the same, byte for byte, and so must a usage error. The run manifest holds ids, names
// and arguments only, and help gets the rest back first (src/cli/help-manifest.ts).
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {COMMANDS} from '../../src/cli/commands.js'
import {built, cli, run} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const NAME = "the single file's command manifest"

if (!built()) skip(test, NAME, 'dist/guestview.mjs is not built: run `npm run build`')
else {
  const dev = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', '--no-warnings', join(REPO, 'bin', 'dev.js'), ...args], {
      timeoutMs: 30_000,
    })
  const cases = [
    ['--help'],
    ...Object.keys(COMMANDS).map((id) => [id, '--help']),
    ['help', 'explain'],
    // usage errors that draw help (oclif's showHelp: a flag it does not know, an argument too many, a missing one)
    ['owns', '--no-such-flag'],
    ['owns', 'extra-argument'],
    ['explain'],
    ['no-such-command'],
    // an argument after a command, not a longer command id (oclif reads the manifest's arguments to tell)
    ['capture', '/nonexistent/capture', '--root', '/nonexistent'],
  ]
  for (const args of cases)
    test(`${NAME}: \`${args.join(' ')}\` as bin/dev.js (no manifest) prints it`, () => {
      const [bundle, sources] = [cli(args), dev(args)]
      assert.is(bundle.status, sources.status, bundle.stderr)
      assert.is(bundle.stdout, sources.stdout)
      assert.is(bundle.stderr, sources.stderr)
    })
}

test.run()
