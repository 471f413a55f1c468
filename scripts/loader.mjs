#!/usr/bin/env node
// guestview: what this container really owns, and which numbers lie. This one file is the whole CLI, for
// any supported Node (`node guestview.mjs --help`); it needs no package.json and no node_modules.
//
// It is built by scripts/build.mjs from this loader and three sections at its end, in line comments:
//   @gv:program  the CLI (oclif, the commands, everything they import) as one CommonJS-style function;
//   @gv:chunk-*  code only some runs need (Ink and React to draw on a terminal, got to push metrics),
//                brotli-compressed, unpacked and imported only when asked for.
// Node skips comments almost for free, so a run pays to parse only the program (and a chunk if it needs one).
//
// The program is compiled with vm.Script, which can store V8's compiled code (a code cache) and reuse it:
// the first run writes it, later runs skip most of the parsing and compiling. It lives in a private
// directory of the user ($XDG_CACHE_HOME or ~/.cache, then guestview/, mode 0700, owned by the user); where
// there is none (a read-only root, HOME=/nonexistent) every run compiles, as any script would.
// GUESTVIEW_CODE_CACHE=0 turns it off. V8 rejects a cache made by another Node, V8 flags or build.
import {lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import {dirname, isAbsolute, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import vm from 'node:vm'

const BUILD = '@@BUILD@@' // a hash of the program: names its cache file
const FILE = fileURLToPath(import.meta.url)
const text = readFileSync(FILE, 'latin1') // the build keeps this file ASCII

/** The text of a section: its lines without their leading `//`. */
function section(name) {
  const open = `\n//${'@gv'}:${name}\n`
  const from = text.indexOf(open)
  if (from < 0) throw new Error(`${FILE}: section ${name} is missing; rebuild it with \`npm run build\``)
  const start = from + open.length
  return {start, body: text.slice(start + 2, text.indexOf(`\n//${'@gv'}:end`, start)).replaceAll('\n//', '\n')}
}

// ---- the code cache ----
const cacheFile = (() => {
  if (process.env.GUESTVIEW_CODE_CACHE === '0') return null
  try {
    const uid = process.getuid?.()
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
    if (uid === undefined || !isAbsolute(base)) return null
    const dir = join(base, 'guestview')
    mkdirSync(dir, {recursive: true, mode: 0o700})
    const st = lstatSync(dir)
    // Compiled code is trusted like the program itself: only from a directory no one else can write.
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return null
    return join(dir, `code-${BUILD}-${process.version}-${process.arch}.bin`)
  } catch {
    return null
  }
})()

function readCache() {
  if (!cacheFile) return undefined
  try {
    const st = lstatSync(cacheFile)
    if (!st.isFile() || st.uid !== process.getuid()) return undefined
    return readFileSync(cacheFile)
  } catch {
    return undefined
  }
}

/** Store the compiled code (after the run, so every function it compiled is in); drop other builds' for this Node. */
function writeCache(script) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`
    writeFileSync(tmp, script.createCachedData(), {mode: 0o600})
    renameSync(tmp, cacheFile) // whole or not at all: never a torn file
    const dir = dirname(cacheFile)
    const own = cacheFile.slice(dir.length + 1)
    const sameNode = `-${process.version}-${process.arch}.bin`
    for (const f of readdirSync(dir)) if (f.startsWith('code-') && f.endsWith(sameNode) && f !== own) unlinkSync(join(dir, f))
  } catch {}
}

// ---- chunks: ES modules imported from memory when a run needs them ----
const chunks = new Map()
globalThis[Symbol.for('guestview.chunk')] = (name) => {
  if (!chunks.has(name)) {
    const {brotliDecompressSync} = createRequire(FILE)('node:zlib')
    const code = brotliDecompressSync(Buffer.from(section(`chunk-${name}`).body, 'base64'))
    chunks.set(name, import(`data:text/javascript;base64,${code.toString('base64')}`))
  }
  return chunks.get(name)
}

// ---- the program ----
const program = section('program')
const cachedData = readCache()
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${program.body}\n})`,
  {
    filename: FILE,
    lineOffset: text.slice(0, program.start).split('\n').length - 1,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  },
)
if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(script))

// oclif's explicit strategy requires the module named here for its COMMANDS; no such file exists, this
// require answers it from memory.
const COMMANDS_MODULE = join(dirname(FILE), 'guestview-commands.cjs')
const realRequire = createRequire(FILE)
const require = Object.assign((id) => (id === COMMANDS_MODULE ? {COMMANDS: exported.COMMANDS} : realRequire(id)), {
  resolve: (id, options) => (id === COMMANDS_MODULE ? id : realRequire.resolve(id, options)),
  cache: realRequire.cache,
})
const module = {exports: {}}
script.runInThisContext()(module.exports, require, module, FILE, dirname(FILE))
const exported = module.exports

// Not awaited: oclif handles its own errors and exit code.
void exported.main(process.argv.slice(2), COMMANDS_MODULE)
