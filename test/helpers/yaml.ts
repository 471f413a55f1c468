// A tiny reader for the block-style YAML that examples/ is written in, so the tests can check the
// manifests' shape without a YAML dependency. It reads: comments, nested block mappings and sequences
// (including "- key: value" items and a sequence at its key's indent), quoted and plain scalars, numbers,
// booleans, null, and one-line flow sequences of scalars ["a", b]. Anything else - anchors, aliases, tags,
// block scalars (| >), flow mappings, several documents, tabs - is an error, never a silent misreading.
export type Yaml = null | boolean | number | string | Yaml[] | {[k: string]: Yaml}

type Line = {indent: number; text: string; no: number}

export class YamlError extends Error {}

function stripComment(s: string): string {
  let quote: string | null = null
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i)
  }
  return s
}

function toLines(src: string): Line[] {
  const out: Line[] = []
  src.split('\n').forEach((raw, i) => {
    if (/^\t| \t/.test(raw)) throw new YamlError(`line ${i + 1}: tab in indentation`)
    const text = stripComment(raw).trimEnd()
    if (text.trim() === '') return
    if (i === 0 && text === '---') return
    if (text === '---' || text === '...') throw new YamlError(`line ${i + 1}: only one document is read`)
    const indent = text.length - text.trimStart().length
    out.push({indent, text: text.trimStart(), no: i + 1})
  })
  return out
}

function splitFlow(inner: string, no: number): string[] {
  const parts: string[] = []
  let cur = ''
  let quote: string | null = null
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!
    if (quote) {
      cur += c
      if (c === '\\' && quote === '"') cur += inner[++i] ?? ''
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'") {
      quote = c
      cur += c
    } else if (c === ',') {
      parts.push(cur.trim())
      cur = ''
    } else if ('[]{}'.includes(c)) throw new YamlError(`line ${no}: nested flow collections are not read`)
    else cur += c
  }
  if (quote) throw new YamlError(`line ${no}: unclosed quote`)
  if (cur.trim() !== '') parts.push(cur.trim())
  else if (parts.length > 0) throw new YamlError(`line ${no}: empty item in a flow sequence`)
  return parts
}

export function scalar(s: string, no: number): Yaml {
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new YamlError(`line ${no}: unclosed double quote`)
    return JSON.parse(s) as string
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new YamlError(`line ${no}: unclosed single quote`)
    return s.slice(1, -1).replace(/''/g, "'")
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new YamlError(`line ${no}: a flow sequence must close on its line`)
    return splitFlow(s.slice(1, -1), no).map((p) => scalar(p, no))
  }
  if (/^[&*!|>{%@`]/.test(s))
    throw new YamlError(
      `line ${no}: "${s[0]}" (anchor, alias, tag, block scalar, flow mapping or reserved) is not read`,
    )
  if (/^(null|~)$/.test(s)) return null
  if (s === 'true') return true
  if (s === 'false') return false
  if (/^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return Number(s)
  if (/:\s|:$/.test(s)) throw new YamlError(`line ${no}: unexpected ": " in a plain scalar (quote it)`)
  return s
}

const isItem = (t: string) => t === '-' || t.startsWith('- ')
const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'#:][^:]*?)\s*:(?:\s+(.*))?$/

export function parseYaml(src: string): Yaml {
  const lines = toLines(src)
  if (lines.length === 0) return null
  let i = 0

  const block = (indent: number): Yaml => {
    const l = lines[i]!
    if (l.indent !== indent) throw new YamlError(`line ${l.no}: expected indent ${indent}, got ${l.indent}`)
    return isItem(l.text) ? seq(indent) : map(indent)
  }

  const nested = (parentIndent: number, allowSeqAtSameIndent: boolean): Yaml => {
    const next = lines[i]
    if (next && next.indent > parentIndent) return block(next.indent)
    if (next && allowSeqAtSameIndent && next.indent === parentIndent && isItem(next.text)) return seq(parentIndent)
    return null
  }

  const seq = (indent: number): Yaml[] => {
    const out: Yaml[] = []
    while (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!.text)) {
      const l = lines[i]!
      const rest = l.text.slice(1).trimStart()
      if (rest === '') {
        i++
        out.push(nested(indent, false))
      } else if (KEY.test(rest) && !rest.startsWith('[')) {
        // "- key: value": a mapping whose first line sits at the item's content column.
        const col = l.indent + (l.text.length - rest.length)
        lines[i] = {indent: col, text: rest, no: l.no}
        out.push(map(col))
      } else {
        i++
        out.push(scalar(rest, l.no))
      }
    }
    return out
  }

  const map = (indent: number): {[k: string]: Yaml} => {
    const out: {[k: string]: Yaml} = {}
    while (i < lines.length && lines[i]!.indent === indent && !isItem(lines[i]!.text)) {
      const l = lines[i]!
      const m = KEY.exec(l.text)
      if (!m) throw new YamlError(`line ${l.no}: expected "key: value", got "${l.text}"`)
      const key = scalar(m[1]!, l.no)
      if (typeof key !== 'string') throw new YamlError(`line ${l.no}: keys must be strings`)
      if (Object.hasOwn(out, key)) throw new YamlError(`line ${l.no}: duplicate key "${key}"`)
      i++
      out[key] = m[2] === undefined || m[2] === '' ? nested(indent, true) : scalar(m[2], l.no)
    }
    return out
  }

  const v = block(lines[0]!.indent)
  if (i < lines.length) throw new YamlError(`line ${lines[i]!.no}: unexpected indent or content: "${lines[i]!.text}"`)
  return v
}
