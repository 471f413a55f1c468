// The plain-text renderer (pipes, CI, NO_COLOR, --no-color): a Doc as lines of text, no ANSI codes,
// every line within the width. Layout rules live here and in src/doc/ink only, never in the screens.
import type {Block, Doc, Row, RowsBlock} from '../blocks.js'
import {COLUMN_KEY_WIDTH, fitKeyWidths, keyOnItsOwnLine} from '../layout.js'
import {printable} from '../printable.js'
import {inlineText} from './inline.js'
import {wrap} from './wrap.js'

function rowLines(r: Row, layout: RowsBlock['layout'], keyWidth: number, width: number): string[] {
  const lines: string[] = []
  const key = printable(r.key)
  const value = inlineText(r.value)
  const extra = (indent: string) => [
    ...(r.note ? wrap(inlineText(r.note), width, indent) : []),
    ...(r.source ? wrap(`from ${printable(r.source)}`, width, indent) : []),
  ]
  if (layout === 'stacked') return [...wrap(key, width, '  '), ...wrap(value, width, '    '), ...extra('      ')]
  const long = keyOnItsOwnLine(key, keyWidth)
  if (long) lines.push(...wrap(key, width, '  '))
  const head = long ? ' '.repeat(keyWidth + 2) : `  ${key.padEnd(keyWidth)}`
  const [first, ...rest] = wrap(value, width, ' '.repeat(head.length))
  lines.push(head + (first ?? '').trimStart(), ...rest, ...extra(' '.repeat(head.length + 2)))
  return lines
}

function titleLines(b: Extract<Block, {b: 'title'}>, width: number): string[] {
  const text = printable(b.text)
  const sub = b.sub ? printable(b.sub) : ''
  // Title and subtitle on one line when they fit, else the subtitle goes below: nothing passes the width.
  const one = `${text}${sub ? `  (${sub})` : ''}`
  const lines = one.length <= width ? [one] : [...wrap(text, width, ''), ...(sub ? wrap(`(${sub})`, width, '') : [])]
  return [...lines, '='.repeat(Math.max(...lines.map((l) => l.length)))]
}

function codeLines(b: Extract<Block, {b: 'code'}>, width: number): string[] {
  const out: string[] = []
  const head = printable(b.head)
  // The command line may be long (cat of deep cgroup paths): cut it like the output lines.
  for (let i = 0; i < head.length; i += width - 2) out.push(`  ${head.slice(i, i + width - 2)}`)
  for (const l of b.lines) {
    // Tool output keeps its spacing (columns matter); long lines are cut into width-sized pieces, printed
    // as the tool printed them (no prefix: most tools fill 80 columns); notes start with "^".
    const text = printable(l.text).replace(/\s+$/, '')
    if (text === '') out.push('')
    for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width))
    if (l.note) out.push(...wrap(`^ ${printable(l.note)}`, width, '    '))
  }
  return out
}

export function docText(doc: Doc, width = 80): string {
  const out: string[] = []
  const fitWidths = fitKeyWidths(doc)
  doc.forEach((b, i) => {
    switch (b.b) {
      case 'title':
        if (i > 0) out.push('')
        out.push(...titleLines(b, width))
        break
      case 'heading':
        out.push('', ...wrap(inlineText(b.text), width, ''))
        break
      case 'para':
        out.push(...wrap(inlineText(b.text), width, '  '))
        break
      case 'line':
        out.push(inlineText(b.text))
        break
      case 'bullets':
        for (const item of b.items) {
          const lines = wrap(inlineText(item), width, '    ')
          out.push(`  - ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1))
        }
        break
      case 'rows': {
        const keyWidth = b.layout === 'fit' ? fitWidths[i]! : COLUMN_KEY_WIDTH
        for (const r of b.rows) out.push(...rowLines(r, b.layout, keyWidth, width))
        break
      }
      case 'code':
        out.push(...codeLines(b, width))
        break
    }
  })
  return out.join('\n')
}
