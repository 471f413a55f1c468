// `guestview --pid 7 owns --json` (flags first, as the Kubernetes examples write it) reaches oclif as
// `owns --pid 7 --json`; flags alone stay the overview. The command names come from the one command index
// (src/cli/commands.ts), as main() takes them from oclif, and it matches commands/.
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {commandFirst} from '../../src/cli/argv.js'
import {COMMANDS} from '../../src/cli/commands.js'
import {REPO} from '../helpers/paths.js'

const IDS = Object.keys(COMMANDS)

test('the command index is the commands/ directory', () => {
  const files = readdirSync(join(REPO, 'commands'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort()
  assert.equal([...IDS].sort(), files)
})

const cases: [string[], string[]][] = [
  [[], ['overview']],
  [
    ['owns', '--json'],
    ['owns', '--json'],
  ],
  [
    ['--pid', '7', 'owns', '--json'],
    ['owns', '--pid', '7', '--json'],
  ],
  [
    ['--pid=7', '--root', '/tmp/t', 'views'],
    ['views', '--pid=7', '--root', '/tmp/t'],
  ],
  [
    ['--pid-of', 'nginx', 'check', '--fail-on', 'warn'],
    ['check', '--pid-of', 'nginx', '--fail-on', 'warn'],
  ],
  [
    ['--no-color', 'explain', 'free'],
    ['explain', '--no-color', 'free'],
  ],
  [
    ['--root', '/tmp/t'],
    ['overview', '--root', '/tmp/t'],
  ],
  [
    ['--pid', '7'],
    ['overview', '--pid', '7'],
  ],
  // A flag value that is a command name is a value, not the command.
  [
    ['--pid-of', 'pod'],
    ['overview', '--pid-of', 'pod'],
  ],
  [
    ['--pid-of', 'pod', 'owns'],
    ['owns', '--pid-of', 'pod'],
  ],
  [['--help'], ['--help']],
  [['--version'], ['--version']],
  // Unknown flags before a command are left for oclif to refuse (on the overview, with its message).
  [
    ['--bogus', 'owns'],
    ['overview', '--bogus', 'owns'],
  ],
]
for (const [input, want] of cases)
  test(`commandFirst ${JSON.stringify(input)}`, () => assert.equal(commandFirst(input, IDS), want))

test.run()
