#!/usr/bin/env node
// Builds dist/guestview.mjs, the whole CLI in one file with no runtime dependencies (README: "No install:
// copy one file"). The file is scripts/loader.mjs followed by sections in line comments:
//   program      src/cli/program.ts and everything it imports (oclif, the commands);
//   chunk-NAME   what only some runs need: Ink and React to draw on a terminal, got to push metrics
//                (brotli-compressed), prom-client for metrics and serve (as it is: see CHUNKS).
// Each section is one CommonJS-style function that the loader compiles with vm.Script, so that V8 can keep
// its compiled code in a cache (scripts/loader.mjs says where and when).
//
// Chunks start where the sources already load lazily: each `import('...')` of a module listed in CHUNKS
// becomes a call to the loader's chunk function. The build fails if a listed boundary is gone, or if the
// program would hold a package that belongs in a chunk (then every run would load Ink).
//
// Usage: node scripts/build.mjs             (npm run build: the type check, then this)
//        READABLE=1 node scripts/build.mjs  (not minified: names in profiles and stack traces)
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {createRequire} from 'node:module'
import {chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {brotliCompressSync, constants as zlib} from 'node:zlib'
import {applyEdits, EDITED_FILES} from './dependency-edits.mjs'
import {asSection, HOLDER, withSections, wrapped} from './sections.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(REPO, 'dist', 'guestview.mjs')

/** Modules loaded only on some paths. `replaces`: targets of the sources' `import()`, from the repository root. */
const CHUNKS = [
  {
    name: 'ink',
    // The live screen of `watch` (src/doc/ink/run-live) draws with the same Ink: one chunk for both.
    entry: "export * from './src/doc/ink/render.ts'\nexport * from './src/doc/ink/run-live.ts'",
    replaces: ['src/doc/ink/render', 'src/doc/ink/run-live'],
  },
  {name: 'got', entry: "export {default} from 'got'", replaces: ['got']},
  {
    // prom-client, for `metrics` (the registry) and `serve` (the server around it).
    name: 'metrics',
    entry: "export * from './src/metrics/registry.ts'\nexport * from './src/cli/serve.ts'",
    replaces: ['src/metrics/registry', 'src/cli/serve'],
    // Not compressed: node:zlib, to unpack it, loads Node's streams (about thirty modules compiled at run
    // time), which `metrics` otherwise never needs; 93 kB more for every run's parser to skip costs less.
    plain: true,
  },
]
/** Packages that must stay out of the program (they are what the chunks are for). */
const CHUNK_ONLY =
  /^node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout|got|prom-client|tdigest|bintrees|@opentelemetry)\//

// EDITS (what the bundle changes in its dependencies) live in scripts/dependency-edits.mjs, which the fast
// loop's bundle of the tests' packages applies too (test/unit-vendor.mjs): tests run the code that ships.

/**
 * Packages that oclif requires when it loads, and calls only on paths a run seldom takes: package.json
 * lookups (lilconfig), templates in help and config (ejs), spinners, and the layout of errors and help
 * (clean-stack, wrap-ansi, indent-string, string-width, widest-line). Their \`require\` in oclif's files is made lazy: the module loads on first use.
 * oclif uses each only through a property at call time (\`(0, x_1.fn)(...)\`, \`x_1.default.fn(...)\`, an index's
 * re-export getter).
 */
const LAZY_REQUIRES = [
  // its help, ux and colours (help, ts-path, ux, ansis, supports-color: ~1 ms as oclif loads), for --help,
  // warnings and errors only
  './help',
  '../help/index',
  './ts-path',
  './config/ts-path',
  './ux',
  '../ux',
  'ansis',
  './supports-color',
  // debug, which its logger loads only where DEBUG is set (scripts/dependency-edits.mjs)
  'debug',
  'lilconfig',
  'ejs',
  'cli-spinners',
  'clean-stack',
  'wrap-ansi',
  'indent-string',
  'string-width',
  'widest-line',
  // its parser's error lists (ux/list, with wordwrap) and module-loader's package-type lookup (get-package-type,
  // four modules), which the explicit strategy's commands never need
  '../ux/list',
  'get-package-type',
  // its errors (errors/index and the classes, handle, warn, pretty-print, screen, theme: ~15 modules) and its
  // parser's (parser/errors, each a class of CLIError), used where something fails: every file takes them
  // through a property at throw time (`new errors_1.CLIError(...)`, `(0, handle_1.handle)(...)`)
  './errors',
  '../errors',
  './errors/handle',
  './errors/error',
  '../errors/warn',
  './errors/errors/module-load',
  // the plugin's manifest from the command classes (cache-command), which a run given the build's manifest never
  // makes
  '../util/cache-command',
]
const OCLIF_LIB = /\/node_modules\/@oclif\/core\/lib\/.*\.js$/
/** oclif's source with the requires of LAZY_REQUIRES deferred; the build fails if one is no longer found. */
const lazyRequires = (source, seen) =>
  source
    .replace(/^const (\w+) = __importDefault\(require\("([^"]+)"\)\);$/gm, (line, name, id) => {
      if (!LAZY_REQUIRES.includes(id)) return line
      seen.add(id)
      return `let ${name}_m;\nconst ${name} = {get default() { return (${name}_m ??= __importDefault(require("${id}"))).default }};`
    })
    .replace(/^const (\w+) = __importStar\(require\("([^"]+)"\)\);$/gm, (line, name, id) => {
      if (!LAZY_REQUIRES.includes(id)) return line
      seen.add(id)
      return `let ${name}_m;\nconst ${name} = new Proxy({}, {get: (_, k) => (${name}_m ??= __importStar(require("${id}")))[k]});`
    })
    .replace(/^(?:const|var) (\w+) = require\(["']([^"']+)["']\);$/gm, (line, name, id) => {
      if (!LAZY_REQUIRES.includes(id)) return line
      seen.add(id)
      return `let ${name}_m;\nconst ${name} = new Proxy({}, {get: (_, k) => (${name}_m ??= require("${id}"))[k]});`
    })

/** Built-ins required at start-up but called only on paths most runs do not take (oclif: flags read from
 * stdin, a Windows shell check, performance tracing, its fs/promises reads of package.json, manifest and
 * theme files, which a run of the single file with no theme file never makes, while loading fs/promises
 * compiles ten of Node's modules (its FileHandle's readLines loads readline); ours: `explain --run`): loaded
 * on first use. */
const LAZY_BUILTINS = ['node:child_process', 'node:readline', 'node:perf_hooks', 'node:fs/promises']
// The same in the metrics chunk: prom-client requires http and https (for its Pushgateway, which loads TLS
// and crypto), perf_hooks and v8 (for default metrics) as it loads; a one-shot `metrics` calls none of
// them, and `serve` loads http when it starts its server.
LAZY_BUILTINS.push('http', 'https', 'perf_hooks', 'v8', 'node:http', 'zlib')
// Dependencies whose ES modules take them lazily too (as functions only: the build fails where one imports
// anything else): terminal-size, under Ink, imports child_process for fallbacks a run never takes.
const LAZY_BUILTIN_IMPORTERS = /\/node_modules\/terminal-size\//

const t0 = Date.now()
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
if (!readFileSync(join(REPO, 'src/cli/version.ts'), 'utf8').includes(`'${pkg.version}'`))
  fail(`src/cli/version.ts does not say ${pkg.version}, the version in package.json`)

const lazySeen = new Set()
const edits = {
  name: 'edits',
  setup(b) {
    const filter = new RegExp(`${EDITED_FILES.source}|${OCLIF_LIB.source}`)
    b.onLoad({filter}, (a) => {
      let source
      try {
        source = applyEdits(a.path, readFileSync(a.path, 'utf8'))
      } catch (error) {
        fail(error.message)
      }
      if (OCLIF_LIB.test(a.path)) source = lazyRequires(source, lazySeen)
      return {contents: source, loader: 'js'}
    })
  },
}

// oclif's tsconfig reader requires TypeScript inside a try; auto-transpile is off (src/cli/main.ts), so it
// is never reached: leave the 10 MB compiler out. Ink's React devtools load only with DEV=true.
// NEVER_CALLED: packages a dependency requires as it loads but uses only on paths guestview never takes. They
// are left out (every run read and scanned their text), and a use fails with a line that says why:
// - oclif globs for command files (tinyglobby) only under its `pattern` strategy, and matches plugin names
//   (minimatch) only for plugins a package.json lists; the single file has the `explicit` strategy and none.
// (prom-client's default metrics, which read OpenTelemetry's span for exemplars, are no longer in the bundle at
// all: PROM_CLIENT_USED.)
const NEVER_CALLED = [
  {id: 'tinyglobby', from: OCLIF_LIB, names: ['glob']},
  {id: 'minimatch', from: OCLIF_LIB, names: ['minimatch']},
]
const neverCalledSeen = new Set()
/** What guestview takes from prom-client (each a file of its lib/ by that name). */
const PROM_CLIENT_USED = ['Registry', 'Counter', 'Gauge']
const stubs = {
  name: 'stubs',
  setup(b) {
    for (const n of NEVER_CALLED)
      b.onResolve({filter: new RegExp(`^${n.id.replace('/', '\\/')}$`)}, (a) => {
        if (!n.from.test(a.importer)) return undefined
        neverCalledSeen.add(n.id)
        return {path: n.id, namespace: 'never-called'}
      })
    b.onLoad({filter: /.*/, namespace: 'never-called'}, (a) => ({
      contents: NEVER_CALLED.find((n) => n.id === a.path)
        .names.map(
          (name) =>
            `Object.defineProperty(exports, ${JSON.stringify(name)}, {enumerable: true, get() {` +
            ` throw new Error(${JSON.stringify(`${a.path} (${name}): not in guestview's bundle`)}) }})`,
        )
        .join('\n'),
    }))
    // oclif reads its own package.json for its name and version only (cache.js): the rest of it (scripts,
    // dependencies, files) was an object of ~170 properties made in every run.
    b.onResolve({filter: /^@oclif\/core\/package\.json$/}, (a) =>
      OCLIF_LIB.test(a.importer) ? {path: 'oclif-pjson', namespace: 'stub'} : undefined,
    )
    b.onLoad({filter: /^oclif-pjson$/, namespace: 'stub'}, () => {
      const {name, version} = JSON.parse(readFileSync(join(REPO, 'node_modules/@oclif/core/package.json'), 'utf8'))
      return {contents: `module.exports = ${JSON.stringify({name, version})}`, loader: 'js'}
    })
    // prom-client's index requires all it has as it loads: histograms and summaries (with tdigest and bintrees),
    // the Pushgateway (with http, https and zlib), the default process metrics (a dozen modules, and
    // OpenTelemetry's API for exemplars) and the cluster aggregator. guestview uses its Registry, Counter and Gauge
    // (src/metrics/registry.ts; it pushes with got): the metrics chunk carries those three and what they require.
    b.onResolve({filter: /^prom-client$/}, (a) =>
      a.importer.startsWith(join(REPO, 'src') + '/') ? {path: 'prom-client-used', namespace: 'stub'} : undefined,
    )
    b.onLoad({filter: /^prom-client-used$/, namespace: 'stub'}, () => ({
      contents: PROM_CLIENT_USED.map((n) => `exports.${n} = require('prom-client/lib/${n.toLowerCase()}')`).join('\n'),
      loader: 'js',
      resolveDir: REPO,
    }))
    b.onResolve({filter: /^typescript$/}, () => ({path: 'typescript', namespace: 'stub'}))
    b.onResolve({filter: /^\.\/devtools\.js$/}, (a) =>
      a.importer.includes('/node_modules/ink/') ? {path: 'ink-devtools', namespace: 'stub'} : undefined,
    )
    b.onLoad({filter: /^typescript$/, namespace: 'stub'}, () => ({contents: "throw new Error('not bundled')"}))
    b.onLoad({filter: /^ink-devtools$/, namespace: 'stub'}, () => ({contents: 'export {}'}))
  },
}

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const ours = (importer) => ['src', 'commands'].some((d) => importer.startsWith(join(REPO, d) + '/'))
    b.onResolve({filter: /^(node:)?[a-z][a-z0-9_]*(\/[a-z]+)?$/}, (a) => {
      if (!LAZY_BUILTINS.includes(a.path) || a.namespace !== 'file') return undefined
      if (a.kind === 'require-call') return {path: a.path, namespace: 'lazy-builtin'}
      return a.kind === 'import-statement' && (ours(a.importer) || LAZY_BUILTIN_IMPORTERS.test(a.importer))
        ? {path: a.path, namespace: 'lazy-builtin-esm'}
        : undefined
    })
    const load = (id) => `let m; const load = () => (m ??= require(${JSON.stringify(id)}));`
    // CommonJS callers (oclif) get a proxy: every trap loads the module, so once touched it is the module.
    b.onLoad({filter: /.*/, namespace: 'lazy-builtin'}, (a) => ({
      contents: `${load(a.path)}
module.exports = new Proxy({}, {
  get: (_, k) => load()[k],
  has: (_, k) => k in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, k) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), k)
    return d && {...d, configurable: true}
  },
})`,
      loader: 'js',
    }))
    // Our ES modules get its functions as forwarders (importing anything else fails the build).
    b.onLoad({filter: /.*/, namespace: 'lazy-builtin-esm'}, async (a) => {
      const names = Object.keys(await import(a.path)).filter((k) => /^[a-z]\w*$/.test(k) && k !== 'default')
      return {
        contents: `${load(a.path)}\n${names.map((k) => `export const ${k} = (...a) => load().${k}(...a)`).join('\n')}`,
        loader: 'js',
      }
    })
  },
}

// Twelve of Ink's modules \`import process from 'node:process'\`: esbuild turns each into a CommonJS require
// wrapped as an ES namespace, which copies all ~80 of process's properties as getters, ~1.5 ms of every
// screen's start under Node 20-24 (each Ink module loads as the chunk does). They get the global instead, as
// an ES module (two modules import \`cwd\` and \`env\` by name; a name not here fails the build).
const processGlobal = {
  name: 'process-global',
  setup(b) {
    b.onResolve({filter: /^(node:)?process$/}, (a) =>
      a.kind === 'import-statement' ? {path: 'process', namespace: 'process-global'} : undefined,
    )
    b.onLoad({filter: /.*/, namespace: 'process-global'}, () => ({
      contents:
        'const p = globalThis.process\nexport default p\nexport const env = p.env\nexport const cwd = () => p.cwd()',
      loader: 'js',
    }))
  },
}

// React and its JSX runtime are CommonJS. esbuild gave each ES module that imports them its own copy of the
// namespace (__toESM: a getter per export): 32 of Ink's modules import React (~60 exports), 7 the JSX runtime.
// They now import one ES module per package that takes each export once (their names read from the package at
// build time; a name Ink imports that it lacks fails the build). `owns` on a terminal, callgrind, the Ink part:
// 131.4 to 124.2 M instructions under Node 22, 131.4 to 124.8 M under Node 24 (README, "Where a terminal run's
// time goes").
const SHARED_CJS = ['react', 'react/jsx-runtime']
const sharedSeen = new Set()
const sharedCjs = {
  name: 'shared-cjs',
  setup(b) {
    const fromRepo = createRequire(join(REPO, 'package.json'))
    const filter = new RegExp(`^(${SHARED_CJS.map((id) => id.replace(/[/]/g, '\\/')).join('|')})$`)
    b.onResolve({filter}, (a) => {
      if (a.kind !== 'import-statement') return undefined
      sharedSeen.add(a.path)
      return {path: a.path, namespace: 'shared-cjs'}
    })
    b.onLoad({filter: /.*/, namespace: 'shared-cjs'}, (a) => {
      const names = Object.keys(fromRepo(a.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n))
      const exports = names.map((n) => `export const ${n} = m.${n}`).join('\n')
      // The require is a require-call: this plugin leaves it to the package itself.
      return {contents: `const m = require(${JSON.stringify(a.path)})\nexport default m\n${exports}`, resolveDir: REPO}
    })
  },
}

// Our modules import oclif by its index, which loads every part of oclif and copies most of them as it loads
// (its __importStar of Args, Errors, Flags, Interfaces, ModuleLoader and Parser: a getter per export), and
// esbuild gave each importing module its own copy of the index (__toESM: ~25 getters, at each of a run's three
// import sites). They import one ES module instead, which takes each name from the file the index takes it
// from (by the paths the package exports), once; a name not listed here fails the build. The index's one other
// act, a warning where the working directory is gone, is made there too. bin/dev.js imports the index as before.
// Node 20, `owns --json`, the program's top level to the command's run() (bench/run-phase.mjs's marks, no GC):
// 12.71 to 11.94 M instructions.
const OCLIF_NAMES = {
  Args: ['args'],
  Command: ['command', 'Command'],
  Errors: ['errors'],
  execute: ['execute', 'execute'],
  Flags: ['flags'],
  handle: ['handle', 'handle'],
  Plugin: ['config', 'Plugin'],
  settings: ['settings', 'settings'],
}
/**
 * Of OCLIF_NAMES, those loaded where used: oclif's errors (as in LAZY_REQUIRES), and Args (only the commands that
 * take an argument, capture and explain). A namespace is a proxy, a function a forwarder.
 */
const OCLIF_LAZY = ['Args', 'Errors', 'handle']
const oclifSeen = new Set()
const oclifParts = {
  name: 'oclif-parts',
  setup(b) {
    const ours = (importer) => ['src', 'commands'].some((d) => importer.startsWith(join(REPO, d) + '/'))
    b.onResolve({filter: /^@oclif\/core$/}, (a) =>
      a.kind === 'import-statement' && ours(a.importer) ? {path: 'oclif-parts', namespace: 'oclif-parts'} : undefined,
    )
    b.onLoad({filter: /.*/, namespace: 'oclif-parts'}, () => {
      const lines = [
        "try {\n  process.cwd()\n} catch (error) {\n  if (error.code === 'ENOENT') process.stderr.write('WARNING: current directory does not exist\\n')\n}",
      ]
      for (const [name, [file, key]] of Object.entries(OCLIF_NAMES)) {
        const load = `require(${JSON.stringify(`@oclif/core/${file}`)})`
        if (!OCLIF_LAZY.includes(name)) lines.push(`export const ${name} = ${load}${key ? `.${key}` : ''}`)
        else if (key) lines.push(`export const ${name} = (...a) => ${load}.${key}(...a)`)
        else lines.push(`export const ${name} = new Proxy({}, {get: (_, k) => ${load}[k]})`)
      }
      return {contents: lines.join('\n'), resolveDir: REPO}
    })
    // Every name our modules import from oclif must be one of OCLIF_NAMES (type-only imports are erased).
    b.onLoad({filter: /\/(src|commands)\/.*\.tsx?$/}, (a) => {
      const source = readFileSync(a.path, 'utf8')
      for (const m of source.matchAll(/^import \{([^}]*)\} from '@oclif\/core'$/gm))
        for (const part of m[1]
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p && !p.startsWith('type ')))
          if (!(part in OCLIF_NAMES))
            fail(`${relative(REPO, a.path)} imports ${part} from @oclif/core: add it to OCLIF_NAMES`)
          else oclifSeen.add(part)
      return undefined
    })
  },
}

// yoga-layout (under Ink) instantiates its WebAssembly with a top-level await. Emscripten lets the caller
// instantiate it instead (Module.instantiateWasm): synchronously, the runtime is ready when the factory
// returns, and Ink's modules need no top-level await.
const yogaSync = {
  name: 'yoga-sync',
  setup(b) {
    const dir = join(REPO, 'node_modules', 'yoga-layout', 'dist')
    b.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga-sync'}))
    b.onLoad({filter: /.*/, namespace: 'yoga-sync'}, () => {
      const factory = join(dir, 'binaries', 'yoga-wasm-base64-esm.js')
      const wasm = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(readFileSync(factory, 'utf8'))
      if (!wasm) fail(`${factory} no longer embeds its WebAssembly as base64: see yogaSync in scripts/build.mjs`)
      return {
        contents: `import loadYoga from ${JSON.stringify(factory)}
import wrapAssembly from ${JSON.stringify(join(dir, 'src', 'wrapAssembly.js'))}
export * from ${JSON.stringify(join(dir, 'src', 'generated', 'YGEnums.js'))}
const lib = {
  instantiateWasm(imports, receive) {
    receive(new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(${JSON.stringify(wasm[1])}, 'base64')), imports))
    return {}
  },
}
loadYoga(lib)
if (!lib.Node) throw new Error('yoga-layout did not start synchronously')
export default wrapAssembly(lib)`,
        resolveDir: REPO,
      }
    })
  },
}

const used = new Set()
const chunkImports = {
  name: 'chunk-imports',
  setup(b) {
    b.onLoad({filter: /\/(src|commands)\/.*\.tsx?$/}, (a) => {
      const source = readFileSync(a.path, 'utf8')
      if (!source.includes('import(')) return undefined
      const contents = source.replace(/\bimport\((['"])([^'"]+)\1\)/g, (call, _q, spec) => {
        const target = spec.startsWith('.') ? relative(REPO, resolve(dirname(a.path), spec)).replace(/\.js$/, '') : spec
        const chunk = CHUNKS.find((c) => c.replaces.includes(target))
        if (!chunk) return call
        used.add(target)
        return `globalThis[Symbol.for('guestview.chunk')](${JSON.stringify(chunk.name)})`
      })
      return {contents, loader: a.path.endsWith('x') ? 'tsx' : 'ts'}
    })
  },
}

// oclif's command manifest, made from the command classes by the sources (scripts/command-manifest.mjs), goes
// in src/cli/manifest.ts; with it oclif loads only the class of the command that runs, and the command index
// below loads each command's module when oclif asks for its class. esbuild makes a module that is
// require()d (and what only it imports) a function run on first require: a run of `owns` runs no top-level
// code of explain's tables, diagnose's or serve's modules.
const manifest = spawnSync(process.execPath, ['--import', 'tsx', '--no-warnings', 'scripts/command-manifest.mjs'], {
  cwd: REPO,
  encoding: 'utf8',
  maxBuffer: 16 << 20,
})
if (manifest.status !== 0 || !manifest.stdout.startsWith('{"commands":'))
  fail(`scripts/command-manifest.mjs failed (${manifest.status}): ${manifest.stderr}`)
/**
 * src/cli/manifest.ts in the bundle: for a run, each command's id, names and arguments only (MANIFEST: its
 * flags become empty, its texts go); oclif takes a command's flags from its class as it runs, and only its
 * help reads them from the manifest. Building the whole manifest as a literal cost every run ~1.5 M instructions
 * (Node 20, bench/instructions.mjs: its ~700 strings in the code cache, its objects). The whole one is a JSON
 * text, parsed when oclif draws help (fullManifest: src/cli/help-manifest.ts).
 */
function manifestModule(json) {
  const slim = JSON.parse(json)
  for (const c of Object.values(slim.commands)) {
    // Its arguments stay: oclif reads them to tell `capture DIR` (an argument) from a command `capture:DIR`.
    c.flags = {}
    for (const text of ['description', 'summary', 'examples', 'usage', 'hasDynamicHelp']) delete c[text]
  }
  return `export const MANIFEST = ${JSON.stringify(slim)}\nexport const fullManifest = () => JSON.parse(${JSON.stringify(json)})`
}
const lazyCommands = {
  name: 'lazy-commands',
  setup(b) {
    b.onLoad({filter: /\/src\/cli\/manifest\.ts$/}, () => ({
      contents: manifestModule(manifest.stdout),
      loader: 'js',
    }))
    b.onLoad({filter: /\/src\/cli\/commands\.ts$/}, (a) => {
      const source = readFileSync(a.path, 'utf8')
      const modules = new Map([...source.matchAll(/^import (\w+) from '([^']+)'$/gm)].map((m) => [m[1], m[2]]))
      const index = [...source.matchAll(/^ {2}([a-z][a-z-]*): (\w+),$/gm)].map((m) => [m[1], modules.get(m[2])])
      const missing = index.filter(([, module]) => !module)
      if (missing.length || index.length !== modules.size)
        fail(`src/cli/commands.ts: each command is one \`import Class from '...'\` and one \`  id: Class,\` line`)
      const getters = index.map(
        ([id, module]) => `  ${id}: {enumerable: true, get: () => require(${JSON.stringify(module)}).default},`,
      )
      return {
        contents: `export const COMMANDS = Object.defineProperties({}, {\n${getters.join('\n')}\n})`,
        loader: 'ts',
      }
    })
  },
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.READABLE !== '1',
  legalComments: 'none',
  charset: 'ascii',
  logLevel: 'warning',
  absWorkingDir: REPO,
  write: false,
  metafile: true,
}

rmSync(join(REPO, 'dist'), {recursive: true, force: true})
mkdirSync(join(REPO, 'dist'))

const program = await build({
  ...common,
  entryPoints: ['src/cli/program.ts'],
  plugins: [lazyCommands, oclifParts, edits, stubs, lazyBuiltins, chunkImports],
})
for (const c of CHUNKS)
  for (const t of c.replaces)
    if (!used.has(t))
      fail(`no \`import()\` of ${t} is left in the sources: update CHUNKS in scripts/build.mjs (chunk ${c.name})`)
for (const id of LAZY_REQUIRES)
  if (!lazySeen.has(id)) fail(`oclif no longer requires ${id} at the top of a file: remove it from LAZY_REQUIRES`)
const heavy = Object.keys(program.metafile.inputs).filter((f) => CHUNK_ONLY.test(f))
if (heavy.length)
  fail(`the program imports ${heavy.slice(0, 3).join(', ')} statically; import them lazily (a chunk) instead`)

const sections = [{name: 'program', code: wrapped(asSection(program.outputFiles[0].text, 'program'))}]
for (const c of CHUNKS) {
  const r = await build({
    ...common,
    stdin: {contents: c.entry, resolveDir: REPO, loader: 'ts', sourcefile: `chunk-${c.name}.ts`},
    // React picks its production build by NODE_ENV.
    define: {'process.env.NODE_ENV': '"production"'},
    plugins: [edits, stubs, processGlobal, sharedCjs, lazyBuiltins, yogaSync],
  })
  // Wrapped as the loader compiles it, packed or not: unpacked, a packed chunk is its code as it is compiled.
  const code = wrapped(asSection(r.outputFiles[0].text, `chunk ${c.name}`))
  if (c.plain) {
    sections.push({name: `chunk-${c.name}`, code})
    continue
  }
  const packed = brotliCompressSync(code, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11}}).toString('base64')
  sections.push({name: `chunk-${c.name}`, code: `brotli:${packed}`, bytes: code.length, unpacked: code.length})
}

for (const n of NEVER_CALLED)
  if (!neverCalledSeen.has(n.id)) fail(`nothing requires ${n.id} any more: remove it from NEVER_CALLED`)
for (const name of Object.keys(OCLIF_NAMES))
  if (!oclifSeen.has(name)) fail(`no module imports ${name} from @oclif/core any more: remove it from OCLIF_NAMES`)
for (const id of SHARED_CJS) if (!sharedSeen.has(id)) fail(`no chunk imports ${id} any more: remove it from SHARED_CJS`)

// The build id names the code cache files: V8 checks a cache against the source's length only.
const buildId = createHash('sha256')
  .update(sections.map((s) => s.code).join('\n'))
  .digest('hex')
  .slice(0, 16)
// The command ids, for the loader to pick a code cache per command (the keys of src/cli/commands.ts's index).
const commandIds = [
  ...readFileSync(join(REPO, 'src/cli/commands.ts'), 'utf8').matchAll(/^ {2}([a-z][a-z-]*): \w+,$/gm),
].map((m) => m[1])
if (!commandIds.includes('owns')) fail('found no command ids in src/cli/commands.ts (COMMANDS: `  id: Class,` lines)')
let loader = readFileSync(join(REPO, 'scripts', 'loader.mjs'), 'utf8').replace('@@BUILD@@', buildId)
if (!loader.includes(buildId)) fail('scripts/loader.mjs lost its @@BUILD@@ placeholder')
if (!loader.includes('@@COMMANDS@@')) fail('scripts/loader.mjs lost its @@COMMANDS@@ placeholder')
// The loader names the function that holds the sections; scripts/sections.mjs writes it.
if (!loader.includes(`${HOLDER}.toString()`)) fail(`scripts/loader.mjs no longer reads the sections from ${HOLDER}`)
loader = loader.replace('@@COMMANDS@@', commandIds.join(','))
const file = withSections(loader, sections)
writeFileSync(OUT, file)
chmodSync(OUT, 0o755)

const kB = (n) => `${(n / 1024).toFixed(0)} kB`
console.log(
  `dist/guestview.mjs: ${kB(file.length)} (${sections
    .map((s) => (s.bytes ? `${s.name} ${kB(s.bytes)}, ${kB(s.code.length)} packed` : `${s.name} ${kB(s.code.length)}`))
    .join('; ')}) in ${Date.now() - t0} ms`,
)

function fail(message) {
  console.error(`build: ${message}`)
  process.exit(1)
}
