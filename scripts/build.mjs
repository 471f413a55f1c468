#!/usr/bin/env node
// Builds dist/guestview.mjs, the whole CLI in one file with no runtime dependencies (README: "No install:
// copy one file"). Layout, and why, in scripts/loader.mjs: the loader, then the program (src/cli/program.ts
// and everything it imports, one CommonJS-style function compiled through vm.Script so V8 can cache it),
// then chunks that only some runs import (Ink on a terminal, got for `metrics --push`), brotli-compressed.
//
// The chunks are where the sources already load lazily: each `import('...')` of a module listed in CHUNKS
// becomes a call to the loader's chunk function. The build fails if a listed boundary is gone, or if the
// program would hold a package that belongs in a chunk (Ink would then load on every run).
//
// Usage: node scripts/build.mjs   (npm run build: the type check, then this)
//        READABLE=1 node scripts/build.mjs   (not minified: names in profiles and stack traces)
import {build} from 'esbuild'
import {createHash} from 'node:crypto'
import {chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {brotliCompressSync, constants as zlib} from 'node:zlib'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(REPO, 'dist', 'guestview.mjs')

/** Modules loaded only on some paths. `replaces`: targets of the sources' `import()`, from the repository root. */
const CHUNKS = [
  {
    name: 'ink',
    entry: "export * from './src/render/ink/render.ts'\nexport * from './src/explain/ink/render.ts'",
    replaces: ['src/render/ink/render', 'src/explain/ink/render'],
  },
  {name: 'got', entry: "export {default} from 'got'", replaces: ['got']},
]
/** Packages that must stay out of the program (they are what the chunks are for). */
const CHUNK_ONLY = /^node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout|got)\//

const t0 = Date.now()
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
const versionTs = readFileSync(join(REPO, 'src/cli/version.ts'), 'utf8')
if (!versionTs.includes(`'${pkg.version}'`))
  fail(`src/cli/version.ts does not say ${pkg.version}, the version in package.json`)

// oclif's tsconfig reader requires TypeScript inside a try; auto-transpile is off (src/cli/main.ts), so it
// is never reached: leave the 10 MB compiler out. Ink's React devtools load only with DEV=true.
const stubs = {
  name: 'stubs',
  setup(b) {
    b.onResolve({filter: /^typescript$/}, () => ({path: 'typescript', namespace: 'stub'}))
    b.onResolve({filter: /^\.\/devtools\.js$/}, (a) =>
      a.importer.includes('/node_modules/ink/') ? {path: 'ink-devtools', namespace: 'stub'} : undefined,
    )
    b.onLoad({filter: /^typescript$/, namespace: 'stub'}, () => ({
      contents: "throw new Error('typescript is not bundled')",
    }))
    b.onLoad({filter: /^ink-devtools$/, namespace: 'stub'}, () => ({contents: 'export {}'}))
  },
}

// Start-up work the CLI never needs, left out of the program (each edit must still match, or the build
// fails and the entry goes). The first String#localeCompare initialises ICU's collator, about a tenth of a
// start; the command ids it sorts are lower-case ASCII, where < gives the same order.
const EDITS = [
  {
    file: 'node_modules/@oclif/core/lib/config/plugin.js',
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))',
  },
]
// Built-ins oclif requires at start-up but calls only on paths we do not take (reading flags from stdin, a
// Windows shell check, performance tracing): loaded on first use instead.
const LAZY_BUILTINS = ['node:child_process', 'node:readline', 'node:perf_hooks']
const oclifDiet = {
  name: 'oclif-diet',
  setup(b) {
    for (const e of EDITS)
      b.onLoad({filter: new RegExp(`${e.file.replace(/[/.]/g, '\\$&')}$`)}, (a) => {
        const source = readFileSync(a.path, 'utf8')
        if (!source.includes(e.from)) fail(`${e.file} no longer holds \`${e.from}\`: remove that entry of EDITS`)
        return {contents: source.replace(e.from, e.to), loader: 'js'}
      })
    b.onResolve({filter: /^node:/}, (a) =>
      a.kind === 'require-call' && LAZY_BUILTINS.includes(a.path) && a.importer.includes('/node_modules/@oclif/core/')
        ? {path: a.path, namespace: 'lazy-builtin'}
        : undefined,
    )
    b.onLoad({filter: /.*/, namespace: 'lazy-builtin'}, (a) => ({
      // Every trap loads the module and forwards, so the proxy behaves as the module once touched.
      contents: `let m; const load = () => (m ??= require(${JSON.stringify(a.path)}));
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

const common = {
  bundle: true,
  platform: 'node',
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

const chunks = []
for (const c of CHUNKS) {
  const r = await build({
    ...common,
    stdin: {contents: c.entry, resolveDir: REPO, loader: 'ts', sourcefile: `chunk-${c.name}.ts`},
    format: 'esm',
    // React picks its production build by NODE_ENV; CommonJS code inside needs a require for built-ins.
    define: {'process.env.NODE_ENV': '"production"'},
    banner: {js: "import {createRequire as __gvRequire} from 'node:module';const require=__gvRequire('/');"},
    plugins: [stubs],
  })
  const code = r.outputFiles[0].contents
  const packed = brotliCompressSync(code, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11}})
  chunks.push({name: c.name, bytes: code.length, packed: packed.toString('base64')})
}

const program = await build({
  ...common,
  entryPoints: ['src/cli/program.ts'],
  format: 'cjs',
  plugins: [stubs, chunkImports, oclifDiet],
})
for (const c of CHUNKS)
  for (const t of c.replaces)
    if (!used.has(t))
      fail(`no \`import()\` of ${t} is left in the sources: update CHUNKS in scripts/build.mjs (chunk ${c.name})`)
const heavy = Object.keys(program.metafile.inputs).filter((f) => CHUNK_ONLY.test(f))
if (heavy.length)
  fail(`the program imports ${heavy.slice(0, 3).join(', ')} statically; import them lazily (a chunk) instead`)

// The program goes in line comments, one `//` before each of its lines, and the loader reads this file as
// latin1: the few characters esbuild leaves outside ASCII (in regular expression literals) become \u
// escapes, which mean the same there. A raw carriage return would end a line comment early: refuse it.
const body = program.outputFiles[0].text.replace(
  /[^\x00-\x7f]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
)
if (body.includes('\r')) fail('the program holds a raw carriage return')
const buildId = createHash('sha256').update(body).digest('hex').slice(0, 16)
const loader = readFileSync(join(REPO, 'scripts', 'loader.mjs'), 'utf8').replace('@@BUILD@@', buildId)
if (!loader.includes(buildId)) fail('scripts/loader.mjs lost its @@BUILD@@ placeholder')

const file =
  loader +
  [['program', body], ...chunks.map((c) => [`chunk-${c.name}`, c.packed])]
    .map(([name, code]) => `\n//@gv:${name}\n//${code.replaceAll('\n', '\n//')}\n//@gv:end`)
    .join('') +
  '\n'
writeFileSync(OUT, file)
chmodSync(OUT, 0o755)

const kB = (n) => `${(n / 1024).toFixed(0)} kB`
console.log(
  `dist/guestview.mjs: ${kB(file.length)} (program ${kB(body.length)}; ${chunks
    .map((c) => `chunk ${c.name} ${kB(c.bytes)}, ${kB(c.packed.length)} packed`)
    .join('; ')}) in ${Date.now() - t0} ms`,
)

function fail(message) {
  console.error(`build: ${message}`)
  process.exit(1)
}
