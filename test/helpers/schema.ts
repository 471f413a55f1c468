// The JSON contract, checked: every schema in schema/ compiled once with ajv (draft 2020-12, strict), and
// the one function every test's guestview JSON goes through (checkJson), so no --json output escapes its
// schema. A failure says which schema, where in the document, and what was there.
//
// Adding a command with --json (pod, watch): write schema/<name>.schema.json and add one line to
// JSON_OUTPUTS. test/schema/registry.test.ts fails while a command with --json has no line here.
import {commandFirst} from '../../src/cli/argv.js'
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {Ajv2020} from 'ajv/dist/2020.js'
import type {ErrorObject, ValidateFunction} from 'ajv'
import {REPO} from './paths.js'

export const SCHEMA_DIR = join(REPO, 'schema')

/** What each command prints with --json: its schema (schema/<schema>.schema.json), and whether it prints one
 * document or one per line (NDJSON). `guestview` alone and `guestview --root DIR` are the overview. */
export const JSON_OUTPUTS: Record<string, {schema: string; ndjson?: true}> = {
  owns: {schema: 'owns'},
  views: {schema: 'views'},
  check: {schema: 'check'},
  report: {schema: 'report'},
  overview: {schema: 'report'},
  explain: {schema: 'explain'},
  diagnose: {schema: 'diagnose'},
  capture: {schema: 'capture'},
  watch: {schema: 'watch', ndjson: true},
  pod: {schema: 'pod'},
}

/** With --json, a failure prints oclif's error object instead of the command's output. */
export const ERROR_SCHEMA = 'error'

// ajv itself (the compiler, ajv-formats, standalone code generation: about 0.3 s to load) is required only
// when a schema has to be compiled: the validators kept by precompiled() need none of it. All three are
// CommonJS, required from the checkout.
const requireHere = createRequire(join(REPO, 'package.json'))
const ajvModules = () => ({
  Ajv2020: (requireHere('ajv/dist/2020.js') as {Ajv2020: new (o: object) => Ajv2020}).Ajv2020,
  addFormats: (requireHere('ajv-formats') as {default: (ajv: Ajv2020) => Ajv2020}).default,
  standaloneCode: (
    requireHere('ajv/dist/standalone/index.js') as {
      default: (ajv: Ajv2020, refs: Record<string, string>) => string
    }
  ).default,
})

// code.optimize off: compiling every schema takes about a third less time, and the documents are small.
// code.source: ajv keeps each validator's code, so that it can be written out (precompiled, below).
const AJV_OPTIONS = {strict: true, allErrors: true, allowUnionTypes: true, code: {optimize: false, source: true}}

const schemaFiles = (): string[] =>
  readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()

function load(): Ajv2020 {
  const {Ajv2020, addFormats} = ajvModules()
  const ajv = new Ajv2020(AJV_OPTIONS)
  addFormats(ajv)
  for (const file of schemaFiles()) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object)
  return ajv
}

let ajv: Ajv2020 | null = null
const compiled = new Map<string, ValidateFunction>()

/**
 * Every schema and every one of its $defs, compiled by ajv (strictly) once and kept as ajv's own standalone
 * code (https://ajv.js.org/standalone.html) in node_modules/.cache/guestview/ajv/, named by a hash of the
 * schema texts, ajv's and ajv-formats' versions and AJV_OPTIONS: compiling them all costs each test process
 * about 1.5 s of CPU (test:unit runs two), loading the compiled code about 30 ms. The validators are the
 * functions ajv generates, with its errors; a schema that changes is compiled, strictly, on the next run (by
 * whichever process gets there first). A name the file lacks is compiled here as before.
 */
function precompiled(): Record<string, ValidateFunction> {
  const files = schemaFiles()
  const texts = files.map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'))
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')) as {version: string}).version
  const hash = createHash('sha256')
    .update(JSON.stringify([version('ajv'), version('ajv-formats'), AJV_OPTIONS, files, texts]))
    .digest('hex')
    .slice(0, 16)
  const dir = join(REPO, 'node_modules', '.cache', 'guestview', 'ajv')
  const file = join(dir, `validators-${hash}.cjs`)
  // The generated code requires ajv's runtime and ajv-formats' formats: resolved from the checkout.
  const require = createRequire(file)
  try {
    return require(file) as Record<string, ValidateFunction>
  } catch {
    // Not made yet (or cut short): made below.
  }
  ajv ??= load()
  const refs: Record<string, string> = {}
  files.forEach((f, i) => {
    refs[f.replace(/\.schema\.json$/, '')] = f
    for (const def of Object.keys((JSON.parse(texts[i]!) as {$defs?: object}).$defs ?? {}))
      refs[`${f}#/$defs/${def}`] = `${f}#/$defs/${def}`
  })
  const code = ajvModules().standaloneCode(ajv, refs)
  try {
    mkdirSync(dir, {recursive: true})
    // Two test processes may write it at once: each renames its own complete copy into place.
    const partial = `${file}.${process.pid}`
    writeFileSync(partial, code)
    renameSync(partial, file)
    return require(file) as Record<string, ValidateFunction>
  } catch {
    return {}
  }
}

let ready: Record<string, ValidateFunction> | null = null

/**
 * The compiled validator of schema/<name>.schema.json (compiling it checks the schema itself, strictly), or
 * of a part of one: "owns.schema.json#/$defs/throttling".
 */
export function validatorFor(name: string): ValidateFunction {
  ready ??= precompiled()
  let v = ready[name] ?? compiled.get(name)
  if (!v) {
    ajv ??= load()
    v = ajv.getSchema(name.includes('#') ? name : `${name}.schema.json`)
    if (!v) throw new Error(`no schema ${name}`)
    compiled.set(name, v)
  }
  return v
}

/**
 * Compile every output's schema now. The runners call this when they load, so the compiling (about a second
 * of CPU) never lands inside a timed run of the CLI on this 2-CPU machine.
 */
export function compileAll(): void {
  for (const name of new Set([...Object.values(JSON_OUTPUTS).map((o) => o.schema), ERROR_SCHEMA])) validatorFor(name)
}

const describe = (e: ErrorObject): string =>
  `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`

/** The problems of `value` under schema/<name>.schema.json (or a part: see validatorFor), one line each. */
export function schemaProblems(name: string, value: unknown): string[] {
  const v = validatorFor(name)
  if (v(value)) return []
  // oneOf/anyOf report every branch; the first few lines are enough to find the fault.
  return (v.errors ?? []).slice(0, 12).map(describe)
}

/** Throw (failing the test) when `value` does not follow schema/<name>.schema.json. */
export function assertSchema(name: string, value: unknown, what: string): void {
  const problems = schemaProblems(name, value)
  if (problems.length > 0) {
    throw new Error(`${what}: does not match schema/${name}.schema.json:\n  ${problems.join('\n  ')}`)
  }
}

/**
 * The guestview command an argument list runs, as the CLI decides it (src/cli/argv.ts): the first word, the
 * command after leading target flags (`--pid 7 owns --json`), or the overview for flags alone.
 */
export function commandOf(args: string[]): string {
  return commandFirst(args, COMMAND_IDS)[0] ?? 'overview'
}

/**
 * The command names, from the files in commands/ rather than by loading the command index
 * (src/cli/commands.ts) under tsx, which takes seconds; test/cli/argv.test.ts checks that both agree.
 */
const COMMAND_IDS = readdirSync(join(REPO, 'commands'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))

/**
 * The arguments after the CLI itself in a full argv: `node bin/run.js owns --json`, wrapped in sh, unshare
 * or setpriv, or at the end of a shell script (`sh -c '... exec node bin/run.js views --json'`).
 */
/**
 * The CLI itself: bin/run.js, the single file (dist/guestview.mjs, or a copy of it the tests make), or the
 * bin link an npm install makes (node_modules/.bin/guestview).
 */
const isProgram = (a: string): boolean =>
  a.endsWith('bin/run.js') || a.endsWith('guestview.mjs') || a.endsWith('/.bin/guestview')

export function cliArgs(argv: string[]): string[] {
  const at = argv.findIndex(isProgram)
  if (at >= 0) return argv.slice(at + 1)
  for (const a of argv) {
    const m = /(?:bin\/run\.js|guestview\.mjs)["']?((?:\s+[^\s;&|]+)*)\s*$/.exec(a)
    if (!m) continue
    const words = m[1]!.trim().split(/\s+/).filter(Boolean)
    const redirect = words.findIndex((w) => /^\d*[<>]/.test(w))
    return (redirect < 0 ? words : words.slice(0, redirect)).map((w) => w.replace(/^["']|["']$/g, ''))
  }
  throw new Error(`not a guestview command line: ${argv.join(' ')}`)
}

/**
 * The runners (test/helpers/live.ts, test/helpers/cgroups.ts) call this on every program that exits: when
 * it was guestview with --json and printed something, the output must match its schema, whether or not the
 * test reads it. Throws like checkJson.
 */
export function checkIfGuestviewJson(argv: string[], stdout: string): void {
  const named = (a: string) => a.includes('bin/run.js') || a.includes('guestview.mjs') || isProgram(a)
  if (!argv.some(named) || stdout.trim() === '') return
  let args: string[]
  try {
    args = cliArgs(argv)
  } catch {
    // The CLI is named inside an argument that is no command line (test/helpers/pty.py's JSON spec): that
    // harness prints its own report, and the test checks the screen it captured.
    return
  }
  if (!args.includes('--json')) return
  checkJson(stdout, args, `guestview ${args.join(' ')}`)
}

/** checkJson for a finished run of the CLI (`node bin/run.js ARGS`, possibly wrapped in sh, unshare, setpriv). */
export function cliJson<T = any>(r: {stdout: string; argv: string[]}, what: string): T {
  return checkJson<T>(r.stdout, cliArgs(r.argv), what)
}

/**
 * Parse what guestview printed with --json and check it against the schema of the command `args` ran
 * (the arguments given to guestview, without the program). An error object is checked against the
 * error schema. NDJSON outputs are checked line by line. Returns the parsed document (an array of them
 * for NDJSON).
 */
export function checkJson<T = any>(stdout: string, args: string[], what: string): T {
  const command = commandOf(args)
  const out = JSON_OUTPUTS[command]
  if (!out) throw new Error(`${what}: guestview ${command} has no JSON schema (test/helpers/schema.ts JSON_OUTPUTS)`)
  if (!args.includes('--json')) throw new Error(`${what}: ${args.join(' ')} has no --json`)
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      throw new Error(`${what}: not JSON: ${text.slice(0, 300)}`)
    }
  }
  const check = (doc: unknown): void => {
    const isError = doc !== null && typeof doc === 'object' && Object.keys(doc).length === 1 && 'error' in doc
    assertSchema(isError ? ERROR_SCHEMA : out.schema, doc, what)
  }
  if (out.ndjson) {
    const docs = stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(parse)
    docs.forEach(check)
    return docs as T
  }
  const doc = parse(stdout)
  check(doc)
  return doc as T
}

/** JSON that no command line names (serve's /report, fetched inside a container): parsed and checked against `schema`. */
export function schemaJson<T = any>(text: string, schema: string, what: string): T {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new Error(`${what}: not JSON: ${text.slice(0, 300)}`)
  }
  assertSchema(schema, doc, what)
  return doc as T
}
