// Every --json output of every command, on every fixture, against its JSON Schema (schema/). The commands
// run in this process through oclif, from source: the document checked is the one the CLI prints (the
// command's return value as oclif's --json prints it), with no build and no child process.
//
// Outputs whose shape does not depend on the tree run on a few fixtures: overview (the report again),
// `explain TOOL` and the tool list (explain --all covers every tool), capture (it writes the tree: a real
// capture and one with unreadable files). diagnose samples twice, --interval (at least 0.2 s) apart: it
// runs through oclif on one fixture, and on every fixture through the same functions with two snapshots
// taken back to back (a static tree gives zero deltas either way). The built CLI's own JSON is checked
// wherever a live test reads it (checkJson).
import {Config} from '@oclif/core'
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import Capture from '../../commands/capture.js'
import Check from '../../commands/check.js'
import Diagnose from '../../commands/diagnose.js'
import Explain from '../../commands/explain.js'
import Overview from '../../commands/overview.js'
import Owns from '../../commands/owns.js'
import Report from '../../commands/report.js'
import Views from '../../commands/views.js'
import {computeDeltas, snapshot} from '../../src/diagnose/sample.js'
import {fromDeltas} from '../../src/diagnose/report.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES, REPO} from '../helpers/paths.js'
import {assertSchema, checkJson} from '../helpers/schema.js'

type CommandClass = {run: (argv: string[], config: Config) => Promise<unknown>}

type Run = [string, CommandClass, string[]]
/** Each command with --json, and its arguments besides --json and --root (DIR: a fresh directory). */
const EVERY_FIXTURE: Run[] = [
  ['owns', Owns, []],
  ['views', Views, []],
  ['check', Check, []],
  ['report', Report, []],
  ['explain', Explain, ['--all']],
]
const SOME_FIXTURES: Run[] = [
  ['overview', Overview, []],
  ['explain', Explain, ['free']],
  ['explain', Explain, []],
  ['capture', Capture, ['DIR']],
]
const SOME = ['vm-v1hybrid-hostns-limits', 'docker-v2-malformed']

const fixtures = readdirSync(FIXTURES)
  .filter((n) => existsSync(join(FIXTURES, n, 'root')))
  .sort()
const tmp = mkdtempSync(join(tmpdir(), 'gv-schema-'))
let config: Config | null = null

test.after(() => rmSync(tmp, {recursive: true, force: true}))

/** What the command prints on stdout, run in this process. */
async function printed(cmd: CommandClass, argv: string[]): Promise<string> {
  config ??= await Config.load(REPO)
  const write = process.stdout.write.bind(process.stdout)
  let out = ''
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }
  const exitCode = process.exitCode
  try {
    await cmd.run(argv, config)
  } finally {
    process.stdout.write = write
    process.exitCode = exitCode
  }
  return out
}

test('every fixture has a root/ tree to run the commands on', () => {
  assert.ok(fixtures.length >= 10, `only ${fixtures.length} fixtures under ${FIXTURES}`)
  for (const name of SOME) assert.ok(fixtures.includes(name), `no fixture ${name}`)
})

for (const name of fixtures) {
  const root = join(FIXTURES, name, 'root')
  test(`${name}: every command's --json matches its schema`, async () => {
    for (const [command, cmd, extra] of SOME.includes(name) ? [...EVERY_FIXTURE, ...SOME_FIXTURES] : EVERY_FIXTURE) {
      const args = extra.map((a) => (a === 'DIR' ? mkdtempSync(join(tmp, `${name}-`)) + '/capture' : a))
      const argv = [...args, '--json', '--root', root]
      const what = `${name}: ${command} ${argv.join(' ')}`
      const out = checkJson<Record<string, unknown>>(await printed(cmd, argv), [command, ...argv], what)
      assert.not.ok('error' in out, `${what}: ${JSON.stringify(out)}`)
    }
  })

  test(`${name}: diagnose's deltas of two snapshots match its schema`, () => {
    const deltas = computeDeltas(snapshot(new Sysroot(root), 0), snapshot(new Sysroot(root), 1000))
    assertSchema('diagnose', JSON.parse(JSON.stringify(fromDeltas(root, 1, deltas))), `${name}: diagnose`)
  })
}

test('diagnose --json through oclif (0.2 s apart) matches its schema', async () => {
  const root = join(FIXTURES, 'findings-v2-throttled-oom', 'root')
  const argv = ['--interval', '0.2', '--json', '--root', root]
  const out = checkJson<{verdict: {id: string}}>(await printed(Diagnose, argv), ['diagnose', ...argv], 'diagnose')
  assert.is(out.verdict.id, 'unknown', 'a static tree: zero deltas, no verdict')
})

test('a bad --root with --json prints the error object of the error schema', async () => {
  const argv = ['--json', '--root', join(tmp, 'no-such-dir')]
  const out = checkJson<{error: {message: string}}>(
    await printed(Owns, argv).catch(() => ''),
    ['owns', ...argv],
    'owns',
  )
  assert.match(out.error.message, /--root/)
})

test.run()
