// How scripts/build.mjs lays the sections out in dist/guestview.mjs, for scripts/loader.mjs to read back:
// each section's code, wrapped as a CommonJS module, in a block comment of its own, and a table of where each
// one is. Kept apart from the build for its tests (test/build/sections.test.ts).
import * as acorn from 'acorn'

/**
 * Code that goes in a block comment, in a file the loader reads as latin1: the few characters esbuild leaves
 * outside ASCII (in regular expression literals) become \u escapes, which mean the same there, and no `*\/`
 * is left to end the comment early (noCommentEnd).
 */
export function asSection(code, what) {
  const ascii = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return noCommentEnd(ascii, what)
}

/** As scripts/loader.mjs compiles a section: a CommonJS module's function, so that its text is the source. */
export function wrapped(code) {
  return `(function (exports, require, module, __filename, __dirname) {${code}\n})`
}

/** The function whose body holds the sections (scripts/loader.mjs calls its toString for their text). */
export const HOLDER = 'gvSections'

/**
 * The loader, then a function that never runs, whose body is the sections: each in a block comment of its own
 * (`/*@gv:NAME`, a newline, its text, `*\/`). The loader takes their text from the function's own source
 * (Function.prototype.toString: the exact source text, which V8 gives as a slice of the module's source, with no
 * copy made). The table of where each one's text is goes into the loader's SECTIONS: {name: [start, end, line]},
 * start and end counted in the function's text, line the file's line it starts on (for stack traces), and for a
 * packed section the length of its code unpacked and wrapped (`unpacked`). The table takes the place of a
 * placeholder padded to a fixed width, so writing it moves no byte after it.
 */
export function withSections(loader, sections) {
  const WIDTH = 400
  const placeholder = `@@SECTIONS@@${' '.repeat(WIDTH - '@@SECTIONS@@'.length)}`
  if (!loader.includes("'@@SECTIONS@@'")) failed('scripts/loader.mjs lost its @@SECTIONS@@ placeholder')
  let file = `${loader.replace("'@@SECTIONS@@'", `'${placeholder}'`)}\n`
  const holderAt = file.length
  file += `function ${HOLDER}() {`
  const table = {}
  for (const s of sections) {
    file += `\n/*@gv:${s.name}\n`
    table[s.name] = [file.length - holderAt, file.length - holderAt + s.code.length, file.split('\n').length - 1]
    if (s.unpacked !== undefined) table[s.name].push(s.unpacked)
    file += `${s.code}*/`
  }
  const json = JSON.stringify(table)
  if (json.length > WIDTH) failed(`the section table (${json.length} characters) is wider than its placeholder`)
  return `${file.replace(placeholder, json.padEnd(WIDTH))}\n}\n`
}

/**
 * The code with no `*\/` in it, the same program: in a string literal, `*\\/` (an escaped slash is a slash);
 * in a regular expression, `*\\/` within a class, and `(?:)` (matches the empty string) after a `*` that ends
 * it; in a line comment, `* /`; a block comment becomes a space or its line breaks. Any other token that holds
 * one (a template, whose raw text a tag can read) fails the build. acorn tokenizes; esbuild has no option for it.
 */
function noCommentEnd(code, what) {
  if (!code.includes('*/')) return code
  const edits = []
  // Comments (a READABLE=1 build keeps some): a line comment's `*/` gets a space; a block comment, which ends
  // with one, becomes what it means to the parser, a space, or its line breaks where it has some.
  const onComment = (block, text, start, end) => {
    if (block) edits.push([start, end, text.replace(/[^\n]/g, '') || ' '])
    else if (text.includes('*/')) edits.push([start, end, code.slice(start, end).replaceAll('*/', '* /')])
  }
  for (const t of acorn.tokenizer(code, {ecmaVersion: 'latest', onComment})) {
    const raw = code.slice(t.start, t.end)
    if (!raw.includes('*/')) continue
    const kind = t.type.label
    if (kind === 'string') edits.push([t.start, t.end, raw.replaceAll('*/', '*\\/')])
    else if (kind === 'regexp') {
      const flagsAt = raw.lastIndexOf('/')
      let body = `/${raw.slice(1, flagsAt).replaceAll('*/', '*\\/')}`
      if (body.endsWith('*')) body += '(?:)'
      edits.push([t.start, t.end, body + raw.slice(flagsAt)])
    } else failed(`${what}: a ${kind} token holds \`*/\``)
  }
  edits.sort((a, b) => a[0] - b[0])
  let out = ''
  let at = 0
  for (const [start, end, text] of edits) {
    out += code.slice(at, start) + text
    at = end
  }
  out += code.slice(at)
  if (out.includes('*/')) failed(`${what}: a \`*/\` is left between tokens`)
  return out
}

function failed(message) {
  throw new Error(`build: ${message}`)
}
