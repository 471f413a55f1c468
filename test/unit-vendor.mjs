// The packages the fast loop's tests import (Ink, React, fast-check, oclif...), bundled by esbuild into a few
// ES module chunks for the compiled copy of the tests (test/run-tests.mjs --unit). Loaded from node_modules,
// Ink alone is some 200 modules: resolving, reading and linking them cost each uvu process about 1 s of its
// 2 s of imports before the first test (node --cpu-prof: loadAndTranslate, resolve, the CommonJS lexer).
//
// The compiled copy imports packages by name ('ink'), and Node looks for them from the importing file
// upwards: the first node_modules it meets is COMPILED/node_modules, where each package here is a small
// stub that re-exports its entry of the bundle. Everything else (uvu, which must be the runner's own copy,
// ajv, got...) is found further up, in the checkout's node_modules, as before.
//
// One build with code splitting holds them all, so a package two of them use (React, under Ink and
// ink-testing-library and our components) is one module, one instance. The bundle is rebuilt only when the
// installed packages change (node_modules/.package-lock.json), this list, or this file. It is made with the
// edits the CLI's bundle makes to them (scripts/dependency-edits.mjs), so the tests run the code that ships.
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {applyEdits, EDITED_FILES} from '../scripts/dependency-edits.mjs'

/** Package entry points (as the tests and src/ import them) to bundle. */
const VENDORED = [
  'ink',
  'ink-testing-library',
  'react',
  'react/jsx-runtime',
  // Ink's own chalk, which a test sets the colour level of (src/doc/ink/Rows.test.tsx): one instance.
  'chalk',
  // Ink's grapheme splitter, with the build's edit (src/doc/ink/Graphemes.test.ts): the copy Ink draws with.
  '@alcalzone/ansi-tokenize',
  'fast-check',
  '@oclif/core',
  'prom-client',
]
// Left to Node, found in the checkout's node_modules when (if ever) they load: React's devtools (under Ink,
// with DEV=true only; not installed), and TypeScript, which oclif's tsconfig reader requires only where
// auto-transpile is on (src/cli/main.ts turns it off): bundled, it would be 9 MB of the 12.
const EXTERNAL = ['react-devtools-core', 'typescript']

/** The package a specifier names ('@oclif/core', 'react'), and its subpath ('./jsx-runtime', '.'). */
function split(spec) {
  const parts = spec.split('/')
  const n = spec.startsWith('@') ? 2 : 1
  return {name: parts.slice(0, n).join('/'), subpath: ['.', ...parts.slice(n)].join('/')}
}

const fileOf = (spec) => spec.replace(/[@/]/g, '_') + '.js'

/** What is installed: npm's record of node_modules (else the lock file, else package.json). */
function installed() {
  for (const f of [join('node_modules', '.package-lock.json'), 'package-lock.json', 'package.json'])
    if (existsSync(f)) return readFileSync(f)
  return ''
}

/** Bring COMPILED/node_modules up to date (see above). Returns whether it was rebuilt. */
export async function vendor(compiled) {
  const modules = join(compiled, 'node_modules')
  const stamp = join(modules, '.stamp')
  const key = createHash('sha256')
    .update(installed())
    .update(readFileSync(new URL(import.meta.url)))
    .update(readFileSync(new URL('../scripts/dependency-edits.mjs', import.meta.url)))
    .digest('hex')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return false
  rmSync(modules, {recursive: true, force: true})
  const out = join(modules, '.bundle')
  // Each entry re-exports its package's names one by one: an ES module's names must be known when it is
  // linked, and esbuild cannot list a CommonJS package's (React, oclif) for `export *`. They are read here.
  const entries = await Promise.all(
    VENDORED.map(async (spec) => {
      const names = Object.keys(await import(spec)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default')
      return {spec, names}
    }),
  )
  const {build} = await import('esbuild')
  await build({
    entryPoints: entries.map(({spec}) => ({in: `vendor:${spec}`, out: fileOf(spec).slice(0, -3)})),
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    logLevel: 'error',
    // Bundled CommonJS calls require() for Node's built-ins: an ES module has none of its own.
    banner: {
      js: "import {createRequire as __vendorRequire} from 'node:module'; const require = __vendorRequire(import.meta.url);",
    },
    plugins: [
      {
        // The edits the CLI's bundle makes to these packages (scripts/dependency-edits.mjs): the tests draw
        // with the string-width that ships, and the fast loop no longer spends a second of CPU in its slow path.
        name: 'edits',
        setup(b) {
          b.onLoad({filter: EDITED_FILES}, (a) => {
            const source = applyEdits(a.path, readFileSync(a.path, 'utf8'))
            return {contents: source, loader: 'js'}
          })
        },
      },
      {
        name: 'vendor-entries',
        setup(b) {
          b.onResolve({filter: /^vendor:/}, (a) => ({path: a.path.slice('vendor:'.length), namespace: 'vendor'}))
          b.onLoad({filter: /.*/, namespace: 'vendor'}, (a) => {
            const {names} = entries.find((e) => e.spec === a.path)
            const spec = JSON.stringify(a.path)
            return {
              contents: `import * as m from ${spec}\nexport default m.default\nexport const {${names.join(', ')}} = m\n`,
              resolveDir: process.cwd(),
              loader: 'js',
            }
          })
        },
      },
    ],
  })
  // The stubs: one package.json per package, mapping each subpath bundled to its entry.
  const byPackage = new Map()
  for (const {spec} of entries) {
    const {name, subpath} = split(spec)
    if (!byPackage.has(name)) byPackage.set(name, {})
    byPackage.get(name)[subpath] = spec
  }
  for (const [name, subpaths] of byPackage) {
    const dir = join(modules, name)
    mkdirSync(dir, {recursive: true})
    const exports = {}
    for (const [subpath, spec] of Object.entries(subpaths)) {
      const target = join(out, fileOf(spec))
      const rel = name.includes('/') ? '../../.bundle/' : '../.bundle/'
      writeFileSync(
        join(dir, fileOf(spec)),
        `export * from '${rel}${fileOf(spec)}'\nexport {default} from '${rel}${fileOf(spec)}'\n`,
      )
      if (!existsSync(target)) throw new Error(`vendor: esbuild wrote no ${target}`)
      exports[subpath] = `./${fileOf(spec)}`
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({name, type: 'module', exports}, null, 1) + '\n')
  }
  writeFileSync(join(out, 'package.json'), '{"type": "module"}\n')
  writeFileSync(stamp, key)
  return true
}
