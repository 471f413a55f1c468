// How the build lays out dist/guestview.mjs's sections (scripts/sections.mjs): each in a block comment that
// no `*/` of the code can end early, at the offsets the loader's table says. The code must mean the same once
// its `*/` are rewritten: the rewritten code is run and compared with the original.
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {runInNewContext, Script} from 'node:vm'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'

type Sections = {
  asSection: (code: string, what: string) => string
  wrapped: (code: string) => string
  withSections: (loader: string, sections: {name: string; code: string}[]) => string
  HOLDER: string
}
const {asSection, wrapped, withSections, HOLDER} = (await import(
  pathToFileURL(join(REPO, 'scripts', 'sections.mjs')).href
)) as Sections

const run = (code: string): unknown => runInNewContext(`(() => {${code}})()`)

test('a `*/` in a string or a regular expression is rewritten to mean the same', () => {
  const cases = [
    `return "a*/b" + '**/*.ts'`,
    `return "/x/".replace(/^\\/*/, "")`,
    `return "a/b*/".replace(/[*/]+/g, "-")`,
    `return /a\\*/.test("a*")`,
    `return /x*/gu.exec("xxy")[0]`,
  ]
  for (const code of cases) {
    const out = asSection(code, 'case')
    assert.not.ok(out.includes('*/'), out)
    assert.equal(run(out), run(code), code)
  }
})

test('code with no `*/` is left as it is; characters outside ASCII become escapes', () => {
  assert.is(asSection('return 1 / 2 * 3', 'case'), 'return 1 / 2 * 3')
  const out = asSection('return /é/.test("\\u00e9")', 'case')
  assert.ok(/^[\x00-\x7f]*$/.test(out))
  assert.is(run(out), true)
})

test('a `*/` in a line comment (a READABLE=1 build keeps some) becomes `* /`', () => {
  const out = asSection('// a **/ b */\nreturn "*/"', 'program')
  assert.is(out, '// a ** / b * /\nreturn "*\\/"')
  assert.is(run(out), '*/')
})

test('a block comment becomes a space, or its line breaks', () => {
  assert.is(asSection('x = /* @__PURE__ */ f()', 'program'), 'x =   f()')
  assert.is(asSection('x = 1 /* a\nb */\ny = 2', 'program'), 'x = 1 \n\ny = 2')
})

test('a `*/` in a template fails the build, naming the section', () => {
  assert.throws(() => asSection('x = `a*/b`', 'chunk metrics'), /chunk metrics: a template token holds/)
})

test('each section sits in its block comment, in the holder function, at the offsets in the table', () => {
  const loader = "const SECTIONS = JSON.parse('@@SECTIONS@@')\n// loader\n"
  const sections = [
    {name: 'program', code: wrapped('exports.a = 1')},
    {name: 'chunk-x', code: 'brotli:AAAA'},
  ]
  const file = withSections(loader, sections)
  const json = /JSON\.parse\('([^']*)'\)/.exec(file)?.[1] ?? ''
  const table = JSON.parse(json) as Record<string, [number, number, number]>
  // The loader reads them from the holder's source text, as Function.prototype.toString gives it.
  const holder = runInNewContext(`${file}; ${HOLDER}.toString()`) as string
  assert.ok(holder.startsWith(`function ${HOLDER}() {`))
  assert.ok(file.includes(holder))
  for (const s of sections) {
    const [start, end, line] = table[s.name] ?? [0, 0, 0]
    assert.is(holder.slice(start, end), s.code)
    assert.is(holder.slice(start - `/*@gv:${s.name}\n`.length, start), `/*@gv:${s.name}\n`)
    assert.is(holder.slice(end, end + 2), '*/')
    // the line of the file it starts on, for stack traces
    const inFile = file.indexOf(holder) + start
    assert.is(file.slice(0, inFile).split('\n').length - 1, line)
  }
  // The file is a module that parses: the sections are comments, and the holder never runs.
  assert.not.throws(() => new Script(file))
  const m = {exports: {} as {a?: number}}
  ;(runInNewContext(sections[0]!.code) as (e: object, r: null, m: object) => void)(m.exports, null, m)
  assert.is(m.exports.a, 1)
})

test('a table wider than its placeholder fails the build', () => {
  const many = Array.from({length: 40}, (_, i) => ({name: `chunk-${'n'.repeat(10)}${i}`, code: 'x'}))
  assert.throws(() => withSections("JSON.parse('@@SECTIONS@@')", many), /wider than its placeholder/)
})

test.run()
