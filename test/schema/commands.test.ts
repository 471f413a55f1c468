// Every --json output of every command, on every fixture, against its JSON Schema (schema/).
//
// On every fixture, each output is built as its command builds it (OUTPUTS: the report, then the part of it
// the command returns) and checked. On one fixture, each command also runs in this process through oclif,
// from source, and what it prints must be that same document: so OUTPUTS cannot drift from the commands,
// and the document checked is the one the CLI prints (no build, no child process). The built CLI's own JSON
// is checked wherever a live test reads it (checkJson in test/helpers/schema.ts).
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
import {explain} from '../../src/explain/explain.js'
import {comparable} from '../../src/report/capture.js'
import {buildFull} from '../../src/report/full.js'
import {buildOwns} from '../../src/report/owns.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES, REPO} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'

const fixtures = readdirSync(FIXTURES)
  .filter((n) => existsSync(join(FIXTURES, n, 'root')))
  .sort()
const ONE = 'findings-v2-throttled-oom' // the fixture that raises the most findings
const tmp = mkdtempSync(join(tmpdir(), 'gv-schema-'))
test.after(() => rmSync(tmp, {recursive: true, force: true}))

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x))

/** Each command's --json document on a sysroot, as the command composes it. */
function outputs(root: string): [command: string, args: string[], doc: unknown][] {
  const full = buildFull(new Sysroot(root))
  const all = explain(full, {all: true})
  const one = explain(full, {tool: 'free'})
  const list = explain(full, {})
  const deltas = computeDeltas(snapshot(new Sysroot(root), 0), snapshot(new Sysroot(root), 1000))
  return [
    ['owns', [], buildOwns(new Sysroot(root))],
    ['views', [], {views: full.views}],
    ['check', [], {findings: full.findings}],
    ['report', [], full],
    ['overview', [], full],
    ['explain', ['--all'], {tools: all.ok ? all.tools : null}],
    ['explain', ['free'], {tools: one.ok ? one.tools : null}],
    ['explain', [], {tools: list.ok ? list.tools : null}],
    ['diagnose', ['--interval', '1'], fromDeltas(root, 1, deltas)],
  ]
}

test('every fixture has a root/ tree to run the commands on', () => {
  assert.ok(fixtures.length >= 10, `only ${fixtures.length} fixtures under ${FIXTURES}`)
  assert.ok(fixtures.includes(ONE), ONE)
})

for (const name of fixtures) {
  test(`${name}: every command's --json matches its schema`, () => {
    const root = join(FIXTURES, name, 'root')
    for (const [command, args, doc] of outputs(root)) {
      checkJson(JSON.stringify(doc), [command, ...args, '--json'], `${name}: ${command} ${args.join(' ')}`)
    }
  })
}

// --- the commands themselves, through oclif -------------------------------------------------------------

type CommandClass = {run: (argv: string[], config: Config) => Promise<unknown>}
const COMMANDS: Record<string, CommandClass> = {
  owns: Owns,
  views: Views,
  check: Check,
  report: Report,
  overview: Overview,
  explain: Explain,
  diagnose: Diagnose,
  capture: Capture,
}
let config: Config | null = null

/** What the command prints on stdout, run in this process. */
async function printed(command: string, argv: string[]): Promise<string> {
  config ??= await Config.load(REPO)
  const write = process.stdout.write.bind(process.stdout)
  let out = ''
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }
  const exitCode = process.exitCode
  try {
    await COMMANDS[command]!.run(argv, config)
  } finally {
    process.stdout.write = write
    process.exitCode = exitCode
  }
  return out
}

/** The same document: equal but for id, collectedAt and root; for diagnose (timed), the same shape. */
function same(printed: unknown, built: unknown, command: string): boolean {
  const shape = (x: unknown): unknown =>
    x === null || typeof x !== 'object'
      ? typeof x
      : Array.isArray(x)
        ? x.map(shape)
        : Object.fromEntries(Object.entries(x).map(([k, v]) => [k, shape(v)]))
  const a = json(comparable(printed as object))
  const b = json(comparable(built as object))
  return JSON.stringify(command === 'diagnose' ? shape(a) : a) === JSON.stringify(command === 'diagnose' ? shape(b) : b)
}

test(`${ONE}: what each command prints through oclif is the document checked above`, async () => {
  const root = join(FIXTURES, ONE, 'root')
  for (const [command, args, doc] of outputs(root)) {
    // diagnose waits --interval between its samples: the least it takes.
    const argv = [...(command === 'diagnose' ? ['--interval', '0.2'] : args), '--json', '--root', root]
    const what = `${command} ${argv.join(' ')}`
    const out = checkJson<Record<string, unknown>>(await printed(command, argv), [command, ...argv], what)
    assert.ok(same(out, doc, command), `${what}: printed is not the document outputs() builds`)
  }
})

test('capture --json through oclif matches its schema, on a real capture and one with unreadable files', async () => {
  for (const name of ['vm-v1hybrid-hostns-limits', 'docker-v2-malformed']) {
    const argv = [join(mkdtempSync(join(tmp, `${name}-`)), 'capture'), '--json', '--root', join(FIXTURES, name, 'root')]
    const out = checkJson<{replayMatches: boolean}>(await printed('capture', argv), ['capture', ...argv], name)
    assert.is(out.replayMatches, true, name)
  }
})

test('a bad --root with --json prints the error object of the error schema', async () => {
  const argv = ['--json', '--root', join(tmp, 'no-such-dir')]
  const out = checkJson<{error: {message: string}}>(
    await printed('owns', argv).catch(() => ''),
    ['owns', ...argv],
    'owns --root missing',
  )
  assert.match(out.error.message, /--root/)
})

test('every command with --json is run here', () => {
  const ran = new Set(outputs(join(FIXTURES, ONE, 'root')).map(([c]) => c))
  for (const c of Object.keys(COMMANDS)) assert.ok(ran.has(c) || c === 'capture', c)
})

test.run()
