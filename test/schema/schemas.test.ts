// The schemas themselves: each compiles under ajv's strict mode, every command with --json has one, they
// ship in the package, and they say what the README's contract says (known documents in, known faults out).
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {
  checkJson,
  cliArgs,
  commandOf,
  JSON_OUTPUTS,
  SCHEMA_DIR,
  schemaProblems,
  validatorFor,
} from '../helpers/schema.js'

const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))

test('every schema is draft 2020-12, named by its $id, and compiles in strict mode', () => {
  assert.ok(files.length >= 8, files.join(' '))
  for (const f of files) {
    const s = JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as {$schema?: string; $id?: string}
    assert.is(s.$schema, 'https://json-schema.org/draft/2020-12/schema', f)
    assert.is(s.$id, f, `${f}: $id`)
    validatorFor(f.replace(/\.schema\.json$/, ''))
  }
})

test('every command with --json has a schema, and every schema entry a command', () => {
  const withJson = readdirSync(join(REPO, 'commands'))
    .filter((f) => /static enableJsonFlag = true/.test(readFileSync(join(REPO, 'commands', f), 'utf8')))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort()
  assert.equal(Object.keys(JSON_OUTPUTS).sort(), withJson)
  for (const {schema} of Object.values(JSON_OUTPUTS)) assert.ok(files.includes(`${schema}.schema.json`), schema)
})

test('the schemas ship in the package', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {files: string[]}
  assert.ok(pkg.files.includes('schema'), `package.json files: ${pkg.files.join(', ')}`)
})

// --- the Limit union, as the README states it --------------------------------------------------------

const limitProblems = (limit: unknown): string[] => schemaProblems('defs.schema.json#/$defs/limitCount', limit)

test('Limit: the three documented forms are accepted', () => {
  for (const l of [
    {state: 'limited', value: 128, source: '/sys/fs/cgroup/pids.max'},
    {state: 'limited', value: 0, source: '/sys/fs/cgroup/pids.max', notes: ['upper bound: ...']},
    {state: 'unlimited', value: null, source: '/sys/fs/cgroup/pids.max'},
    {state: 'unknown', value: null, source: null, reason: 'no pids controller is mounted', kind: 'absent'},
    {
      state: 'unknown',
      value: null,
      source: '/sys/fs/cgroup/pids.max',
      reason: '/sys/fs/cgroup/pids.max: malformed: "x"',
      kind: 'malformed',
    },
  ])
    assert.equal(limitProblems(l), [], JSON.stringify(l))
})

test('Limit: "unknown" always has a reason and its kind, "unlimited" never a value, "limited" a number and a source', () => {
  for (const l of [
    {state: 'unknown', value: null, source: null, kind: 'absent'},
    {state: 'unknown', value: null, source: null, reason: '', kind: 'absent'},
    {state: 'unknown', value: null, source: null, reason: 'x'},
    {state: 'unknown', value: null, source: null, reason: 'x', kind: 'gone'},
    {state: 'unknown', value: 5, source: null, reason: 'x', kind: 'absent'},
    {state: 'unlimited', value: 9223372036854771712, source: '/sys/fs/cgroup/memory/memory.limit_in_bytes'},
    {state: 'unlimited', value: null, source: null},
    {state: 'limited', value: null, source: '/x'},
    {state: 'limited', value: 1.5, source: '/x'},
    {state: 'limited', value: -1, source: '/x'},
    {state: 'limited', value: 3},
    {state: 'max', value: null, source: '/x'},
    {state: 'limited', value: 3, source: '/x', reason: 'a limited value has no reason'},
  ])
    assert.ok(limitProblems(l).length > 0, `accepted ${JSON.stringify(l)}`)
})

const part = (def: string) => (value: unknown) => schemaProblems(`owns.schema.json#/$defs/${def}`, value)

test('a cores limit is above zero; a bytes limit is a whole number', () => {
  const cores = (value: number) =>
    schemaProblems('defs.schema.json#/$defs/limitCores', {state: 'limited', value, source: '/x'})
  const bytes = (value: number) =>
    schemaProblems('defs.schema.json#/$defs/limitBytes', {state: 'limited', value, source: '/x'})
  assert.equal(cores(1.5), [])
  assert.ok(cores(0).length > 0, 'a limit of 0 cores')
  assert.equal(bytes(536870912), [])
  assert.ok(bytes(0.5).length > 0, 'half a byte')
})

test('numbers are never null where the contract says number; unknown keys are refused', () => {
  const t = part('throttling')
  const ok = {periods: 10, throttledPeriods: 2, throttledSeconds: 0.5, source: '/sys/fs/cgroup/cpu.stat'}
  assert.equal(t(ok), [])
  assert.ok(t({...ok, periods: null}).length > 0, 'a counter inside is a number, never null')
  assert.ok(t({...ok, throttledSeconds: -1}).length > 0, 'seconds are not negative')
  assert.ok(t({...ok, throttledTime: 5}).length > 0, 'no additional keys')
  const cpu = part('cpu')
  const problems = cpu({}).join('; ')
  for (const k of ['limit', 'quotaUs', 'hostCpus', 'effectiveCores']) assert.ok(problems.includes(`'${k}'`), problems)
  const top = schemaProblems('views', {views: [], extra: true})
  assert.ok(
    top.some((p) => p.includes('additional')),
    top.join('; '),
  )
})

test('checkJson: an error object is held to the error schema; NDJSON is checked line by line', () => {
  const err = checkJson<{error: {message: string}}>(
    JSON.stringify({error: {message: 'bad --root', name: 'Error'}}),
    ['owns', '--json'],
    'error',
  )
  assert.is(err.error.message, 'bad --root')
  assert.throws(() => checkJson(JSON.stringify({error: {name: 'Error'}}), ['owns', '--json'], 'error'), /message/)
  assert.throws(() => checkJson('{"views": [], "x": 1}', ['views', '--json'], 'views'), /views\.schema\.json/)
  assert.throws(() => checkJson('not json', ['views', '--json'], 'views'), /not JSON/)
  JSON_OUTPUTS['lines-test'] = {schema: 'views', ndjson: true}
  try {
    const docs = checkJson<unknown[]>('{"views": []}\n\n{"views": []}\n', ['lines-test', '--json'], 'ndjson')
    assert.is(docs.length, 2)
    assert.throws(() => checkJson('{"views": []}\n{"views": 1}\n', ['lines-test', '--json'], 'ndjson'), /views/)
  } finally {
    delete JSON_OUTPUTS['lines-test']
  }
})

test('the command a test ran: plain, wrapped, or at the end of a shell script', () => {
  assert.equal(cliArgs(['node', '/r/bin/run.js', 'owns', '--json']), ['owns', '--json'])
  assert.equal(cliArgs(['setpriv', '--no-new-privs', 'node', '/r/bin/run.js', 'report', '--json']), [
    'report',
    '--json',
  ])
  assert.equal(
    cliArgs([
      'unshare',
      '--pid',
      'sh',
      '-c',
      'echo x > /proc/sys/kernel/hostname && exec "node" "/r/bin/run.js" views --json',
    ]),
    ['views', '--json'],
  )
  assert.equal(cliArgs(['sh', '-c', 'node /r/bin/run.js check --json > "$OUT/check.json"']), ['check', '--json'])
  assert.throws(() => cliArgs(['podman', 'run', 'img', 'owns', '--json']), /not a guestview command line/)
  assert.is(commandOf(['--root', '/x', '--json']), 'overview')
  assert.is(commandOf(['explain', 'free', '--json']), 'explain')
})

test.run()
