#!/usr/bin/env node
// guestview: what this container really owns, and which numbers lie. This one file is the whole CLI, for
// any supported Node (`node guestview.mjs --help`); it needs no package.json and no node_modules.
//
// scripts/build.mjs made it from this loader and sections at its end, each in one block comment, in the body of
// a function that never runs (gvSections):
//   /*@gv:program     the CLI: oclif, the commands and everything they import;
//   /*@gv:chunk-NAME  what only some runs need (ink: Ink and React, to draw on a terminal; got: to push
//                     metrics, both brotli-compressed; metrics: prom-client), loaded when a run asks for it.
// Node skips comments almost for free, so a run pays to compile only what it runs. A section's text is its
// code as it is compiled, wrapped as a CommonJS module, with no `*/` inside (the build rewrote the few string
// and regular expression literals that held one): the loader takes it from the function's source text, at
// offsets the build wrote into SECTIONS below, and compiles it with no copy made (section(), below).
//
// Each section is compiled with vm.Script, which can keep V8's compiled code (a code cache) for the next
// run: the first run writes it, later ones skip most parsing and compiling. It lives in a directory of the
// user's own ($XDG_CACHE_HOME or ~/.cache, then guestview/: mode 0700, owned by the user, never anyone
// else's); where there is none (a read-only root, HOME=/nonexistent) the caches shipped beside this file are
// read (the image's: below), else it is $TMPDIR/guestview-UID (the same rules), else every run compiles, as any
// script does. GUESTVIEW_CODE_CACHE=0 turns them all off. V8 refuses a cache from another Node, V8 flags or build.
//
// Built-in modules come from process.getBuiltinModule (Node 20.16, 22.3 and later), not from `import`: an
// ES module's import of node:fs builds a namespace of every export, and reading them loads fs/promises,
// readline, streams and more that a run never uses (on Node 24 about a tenth of `node -e 0`'s start).
// GUESTVIEW_TRACE_START=1: the time since the process started (and its CPU time) at each phase of the start,
// on stderr at exit. Unset, the phases call an empty function.
const traceStart = process.env.GUESTVIEW_TRACE_START === '1' ? startTrace() : () => {}
globalThis[Symbol.for('guestview.traceStart')] = traceStart
traceStart('loader')
const builtin = async (id) => process.getBuiltinModule?.(id) ?? (await import(id))
const {
  closeSync,
  constants: fsConstants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} = await builtin('node:fs')
const {homedir, tmpdir} = await builtin('node:os')
// node:module (for createRequire) loads Node's source-map support with it: only where a run requires a module
// that is not built in (process.getBuiltinModule answers those), or asks require.resolve or require.cache.
const moduleApi = process.getBuiltinModule ? null : await import('node:module')
const {dirname, isAbsolute, join} = await builtin('node:path')
const {fileURLToPath} = await builtin('node:url')
const vm = await builtin('node:vm')

const BUILD = '@@BUILD@@' // a hash of the sections: names the cache files
// {name: [start, end, line, unpacked]}: where each section's text is in gvSections' source text (the build keeps
// it ASCII), the line of this file it starts on, and for a packed chunk the length of its code unpacked (wrapped,
// as the build packed it).
const SECTIONS = JSON.parse('@@SECTIONS@@')
const FILE = fileURLToPath(import.meta.url)
const O_NOFOLLOW_READ = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW
let nodeRequire
const fullRequire = () => (nodeRequire ??= (moduleApi ?? process.getBuiltinModule('node:module')).createRequire(FILE))
const realRequire = (id) => process.getBuiltinModule?.(id) ?? fullRequire()(id)

/* global gvSections -- the build appends it to this file: scripts/sections.mjs */
/**
 * A section's text and the line it starts on. The sections are the body of gvSections, a function at the end of
 * this file that never runs: its source text (Function.prototype.toString, which ECMAScript defines as the exact
 * text) is a slice of this module's source, which Node has already read, and V8 gives it and a slice of it without
 * a copy. So a run reads none of this file again, and makes no second copy of the program: that copy, ~0.5 MB of
 * new memory, set off a garbage collection (a scavenge, ~0.5-0.8 ms) in every run. The comment's opening and
 * closing marks must be where the build put them: this file, edited or cut short, fails with a line that says so.
 */
function section(name) {
  const [start, end, line] = SECTIONS[name]
  const text = (sectionsText ??= gvSections.toString())
  const open = openMark(name)
  if (!text.startsWith(open, start - open.length) || !text.startsWith('*/', end))
    throw new Error(`${FILE}: section ${name} is not where the build put it; rebuild it with \`npm run build\``)
  return {body: text.slice(start, end), line}
}
let sectionsText

const openMark = (name) => `/*@gv:${name}\n`

// ---- the code cache ----
// A cache shipped beside this file (the image's /app/code-cache, made when the image is built, with the same
// Node; with the Ink chunk's code unpacked): read where the user has no cache of their own for the run (the
// image's read-only root, uid 65534), never written.
// Trusted as this file is: owned by its owner and writable by no one else. Looked for only where a run has no
// cache of its own to read, or no cache directory in their HOME.
let shipped
const shippedDir = () => (shipped === undefined ? (shipped = findShippedDir()) : shipped)
/** A file of the shipped directory to read (open, and its size), as openCache checks it; or undefined. */
function shippedFile(fileName) {
  const from = shippedDir()
  return from ? openCache(join(from.dir, fileName), from.uid) : undefined
}
function findShippedDir() {
  if (process.env.GUESTVIEW_CODE_CACHE === '0') return null
  try {
    const dir = join(dirname(FILE), 'code-cache')
    const st = lstatSync(dir, {throwIfNoEntry: false})
    return st?.isDirectory() && st.uid === lstatSync(FILE).uid && (st.mode & 0o022) === 0 ? {dir, uid: st.uid} : null
  } catch {
    return null
  }
}
// The user's cache directory ($XDG_CACHE_HOME or ~/.cache, then guestview/); where there is none to use (a
// read-only HOME, HOME=/nonexistent: a uid that no image expected, OpenShift's, or `kubectl cp` into a locked-down
// pod) and no cache shipped beside this file, one in the temporary directory: $TMPDIR/guestview-UID (os.tmpdir(),
// /tmp by default; Node's own compile cache defaults to its temporary directory too). Without it, every run there
// compiled the whole program: 1.4x (Node 20) to 1.8x (Node 24) the time of a run with a cache.
const cacheDir = (() => {
  if (process.env.GUESTVIEW_CODE_CACHE === '0') return null
  const uid = process.getuid?.()
  if (uid === undefined) return null
  let base
  try {
    base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  } catch {}
  return (
    (base && isAbsolute(base) ? ownDir(join(base, 'guestview'), uid, true) : null) ??
    (shippedDir() ? null : ownDir(join(tmpdir(), `guestview-${uid}`), uid, false))
  )
})()
/**
 * `dir` if it is a directory of the user's that no one else can write to (made, mode 0700, where there is none),
 * else null. Compiled code is trusted as the program is: only from such a directory. In a temporary directory that
 * others share, a name taken first by someone else (their directory, a link) is refused, never used or followed.
 */
function ownDir(dir, uid, withParents) {
  try {
    // Made once: later runs only look (no mkdir, and none of Node's code behind it compiled for the run).
    let st = lstatSync(dir, {throwIfNoEntry: false})
    if (!st) {
      mkdirSync(dir, {recursive: withParents, mode: 0o700})
      st = lstatSync(dir)
    }
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0 ? dir : null
  } catch {
    return null
  }
}
const ofThisNode = `-${process.version}-${process.arch}.bin`
// A cache holds only the functions compiled by the run that wrote it, and runs of different commands (or of
// one command drawn on a terminal and printed as JSON) compile different ones: with one cache for all, every
// command but the first user's compiled its own code on every run. So each kind of run has its own cache
// file: the command (the first argument that names one; none for the overview), whether stdout is a terminal,
// and whether the run reads elsewhere than this container (--root, --pid, --pid-of: a first run on a capture
// left every later live run compiling the live path's functions, ~18 M more instructions, until its cache was
// rewritten). The key only picks which cache a run reads: a wrong guess costs compiling, never a wrong result.
const COMMAND_IDS = '@@COMMANDS@@'.split(',') // the build puts the command index's ids here
const onTerminal = mayBeTerminal(1)
// The program's stdio (src/cli/stdio.ts) asks the same of fds 1 and 2 before oclif loads: it takes this answer
// (fd 1's as decided here, not asked twice) and keeps its own copy of the test only for bin/dev.js, which has
// no loader. test/cli/terminal-check.live.test.ts holds the two to the same answers.
globalThis[Symbol.for('guestview.mayBeTerminal')] = (fd) => (fd === 1 ? onTerminal : mayBeTerminal(fd))

/**
 * Whether `fd` may be a terminal, without loading node:tty (which loads net and the streams): a terminal is a
 * character device, and never one of major 1 (/dev/null, /dev/zero...: Linux's devices.txt), which stdout
 * often is.
 */
function mayBeTerminal(fd) {
  try {
    const st = fstatSync(fd)
    return st.isCharacterDevice() && Math.floor(st.rdev / 256) % 4096 !== 1
  } catch {
    return false
  }
}
const TARGET_FLAGS = ['--root', '--pid', '--pid-of']
const args = process.argv.slice(2)
const elsewhere = args.some((a) => TARGET_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))
// V8 refuses a cache written under other V8 flags (those that change its flag hash): serve (and watch under 1 s)
// starts itself again with V8 options of its own (src/live/start-settings.ts), and with one cache for both, each
// of the two stages found the other's and compiled everything it ran. So a run started with options (on the
// command line or in NODE_OPTIONS) has caches of its own: `-o` and a hash of them ends its run kind. Where it
// has none yet, it reads the cache of the same kind of run without options: many options
// (NODE_OPTIONS=--max-old-space-size, under Node 24) leave the hash as it is, and V8 takes that cache, as it did
// before the key.
const runOptions = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim()
const optionsKey = runOptions ? `-o${fnv1a(runOptions)}` : ''
const plainKind = `${args.find((a) => COMMAND_IDS.includes(a)) ?? 'none'}${elsewhere ? '-target' : ''}${onTerminal ? '-tty' : ''}`
const cacheName = (name, key = optionsKey) => `code-${BUILD}-${name}.${plainKind}${key}${ofThisNode}`
const cacheFile = (name, key = optionsKey) => cacheDir && join(cacheDir, cacheName(name, key))
// One shipped cache for every kind of run (a `report --json` run's, which compiles most of the program): the
// functions a command needs beyond it are compiled as without a cache. None is shipped for serve's restarted
// process (its V8 options refuse this one): it would add ~0.5 MB to the image's app layer (issue 10's goal is
// 3 MB) for ~45 ms once per start.
const shippedName = (name) => `code-${BUILD}-${name}.any${ofThisNode}`

/** The cache to read for section `name` (`file`: the run's own, cacheFile(name)), else (a run with options) its
 * kind's without, else the shipped one. */
function findCache(name, file) {
  return (
    (file ? openCache(file) : undefined) ??
    (optionsKey && file ? openCache(cacheFile(name, '')) : undefined) ??
    shippedFile(shippedName(name))
  )
}

/** FNV-1a, 32 bits, as 8 hex digits: a name for a set of options, without loading node:crypto. */
function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

/** A cache file to read (open, and its size): a regular file (not a link), the user's, writable by no one else. */
function openCache(file, uid = process.getuid()) {
  let fd
  try {
    fd = openSync(file, O_NOFOLLOW_READ)
    const st = fstatSync(fd)
    if (st.isFile() && st.uid === uid && (st.mode & 0o022) === 0) return {fd, size: st.size}
  } catch {}
  if (fd !== undefined) closeSync(fd)
  return undefined
}

/** The cache's bytes, in `bytes` (at least its size): a view of them, or undefined where the read fails. */
function readCache(cache, bytes) {
  try {
    return bytes.subarray(0, readSync(cache.fd, bytes, 0, cache.size, 0))
  } catch {
    return undefined
  } finally {
    closeSync(cache.fd)
  }
}

/**
 * After the run (so that every function it compiled is in): whole or not at all, then other builds' go (their
 * code caches for this Node, and their kept code).
 */
function writeCache(file, script) {
  try {
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, script.createCachedData(), {mode: 0o600})
    renameSync(tmp, file)
    for (const f of readdirSync(cacheDir))
      if (f.startsWith('code-') && (f.endsWith(ofThisNode) || f.endsWith('.js')) && !f.startsWith(`code-${BUILD}-`))
        unlinkSync(join(cacheDir, f))
  } catch {}
}

/**
 * A packed chunk's code as the user's cache keeps it unpacked (`code-BUILD-NAME.js`, trusted as the code caches
 * are), read into `bytes`: only a file of the length the build recorded, else undefined. Unpacking loads
 * node:zlib (~4 ms, and ~1-2 more for brotli's decoder): a terminal's Ink chunk is read this way after its
 * first run.
 */
function keptCode(kept, bytes) {
  const got = kept && readCache(kept, bytes)
  return got && got.length === kept.size ? got.latin1Slice(0, got.length) : undefined
}

/** The unpacked code, kept for the next run: whole or not at all. */
function keepCode(file, code) {
  try {
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, code, {encoding: 'latin1', mode: 0o600})
    renameSync(tmp, file)
  } catch {}
}

/**
 * Compile a section and run it: its exports. A section is a CommonJS module's code, wrapped as the build did,
 * or such code packed with brotli (`brotli:` and base64; unpacking loads node:zlib, which a plain chunk spares).
 * Its text comes from this file's source (section()); a packed chunk's kept code and then the code cache are
 * read into one buffer: fresh memory costs a page fault per 4 kB, and V8 copies what it needs from both.
 */
function load(name) {
  const file = cacheFile(name)
  const cache = findCache(name, file)
  const unpackedBytes = SECTIONS[name][3]
  const keptName = `code-${BUILD}-${name}.js`
  const keptFile = unpackedBytes !== undefined && cacheDir ? join(cacheDir, keptName) : null
  // Where the user keeps none, the unpacked code shipped beside this file (the image's: its terminal runs
  // unpack nothing).
  let kept =
    (keptFile ? openCache(keptFile) : undefined) ?? (unpackedBytes === undefined ? undefined : shippedFile(keptName))
  if (kept && kept.size !== unpackedBytes) kept = void closeSync(kept.fd)
  const bytes = Buffer.allocUnsafe(Math.max(kept?.size ?? 0, cache?.size ?? 0))
  let code = keptCode(kept, bytes)
  const fromKept = code !== undefined
  let line = 0
  if (code === undefined) {
    const read = section(name)
    line = read.line
    const packed = read.body.startsWith('brotli:') && Buffer.from(read.body.slice('brotli:'.length), 'base64')
    code = packed ? realRequire('node:zlib').brotliDecompressSync(packed).toString('latin1') : read.body
    if (packed && keptFile) keepCode(keptFile, code)
  }
  const cachedData = cache && readCache(cache, bytes)
  traceStart(`${name} read${fromKept ? ' (its code kept unpacked)' : ''}`)
  const script = new vm.Script(code, {
    ...(unpackedBytes !== undefined ? {filename: `${FILE} (${name})`} : {filename: FILE, lineOffset: line}),
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  if (file && (!cachedData || script.cachedDataRejected)) toWrite.push([file, script])
  traceStart(`${name} compiled${cachedData && !script.cachedDataRejected ? ' (from its code cache)' : ''}`)
  const module = {exports: {}}
  script.runInThisContext()(module.exports, require, module, FILE, dirname(FILE))
  return module.exports
}

// oclif's explicit strategy requires the module named here for the command index. No such file exists:
// this require answers it from memory, and passes everything else to Node's.
const COMMANDS_MODULE = join(dirname(FILE), 'guestview-commands.cjs')
const require = Object.defineProperties(
  (id) => (id === COMMANDS_MODULE ? {COMMANDS: program.COMMANDS} : realRequire(id)),
  {
    resolve: {value: (id, options) => (id === COMMANDS_MODULE ? id : fullRequire().resolve(id, options))},
    cache: {get: () => fullRequire().cache},
  },
)

// The caches to write, after the run: at 'exit', or before a restart's process.execve, after which no 'exit'
// listener runs (src/live/start-settings.ts calls this, with the trace's marks: the stage before the restart
// would never print them).
const toWrite = []
const writeCaches = () => {
  for (const [file, script] of toWrite.splice(0)) writeCache(file, script)
}
process.once('exit', writeCaches)
globalThis[Symbol.for('guestview.beforeExecve')] = () => {
  writeCaches()
  traceStart.print?.('execve')
}

const chunks = new Map()
globalThis[Symbol.for('guestview.chunk')] = async (name) => {
  if (!chunks.has(name)) chunks.set(name, load(`chunk-${name}`))
  return chunks.get(name)
}

const program = load('program')
traceStart('program loaded')
// Not awaited: oclif handles its own errors and exit code.
void program.main(process.argv.slice(2), COMMANDS_MODULE)

function startTrace() {
  const marks = []
  /** The marks, on stderr, the last one `label`: at exit, or before a restart (a new process: its own). */
  const print = (label) => {
    mark(label)
    let last = 0
    for (const [label, ms, cpuUs] of marks.splice(0)) {
      const line = `${ms.toFixed(1).padStart(6)} ms (+${(ms - last).toFixed(1)}), CPU ${(cpuUs / 1000).toFixed(1)} ms`
      process.stderr.write(`guestview start: ${line}: ${label}\n`)
      last = ms
    }
  }
  process.once('exit', () => print('exit'))
  // process.uptime(), not performance.now(): the global \`performance\` is a getter that loads perf_hooks and
  // nine more of Node's modules (~3.5 M instructions under Node 20), which a run without the trace never loads,
  // and which the first mark then counted as the loader's.
  const mark = (label) => {
    const {user, system} = process.cpuUsage()
    marks.push([label, process.uptime() * 1000, user + system])
  }
  return Object.assign(mark, {print})
}
