// Plain-text rendering of explanation documents: no ANSI codes, wrapped to the width.
import {wrap} from '../render/text.js'
import type {Block} from './doc.js'
import {paragraphText} from './tokens.js'

export function docText(blocks: Block[], width = 80): string {
  const out: string[] = []
  const keyWidth = 24
  for (const b of blocks) {
    switch (b.b) {
      case 'title': {
        // Title and subtitle on one line when they fit, else the subtitle goes below: nothing passes the width.
        const one = `${b.text}${b.sub ? `  (${b.sub})` : ''}`
        const lines =
          one.length <= width ? [one] : [...wrap(b.text, width, ''), ...(b.sub ? wrap(`(${b.sub})`, width, '') : [])]
        out.push(...lines, '='.repeat(Math.max(...lines.map((l) => l.length))))
        break
      }
      case 'heading':
        out.push('', b.text)
        break
      case 'para':
        out.push(...wrap(paragraphText(b.tokens), width, '  '))
        break
      case 'pair': {
        const value = paragraphText(b.tokens)
        if (b.key.length + 2 < keyWidth) {
          const lines = wrap(value, width, ' '.repeat(keyWidth + 2))
          out.push(`  ${b.key.padEnd(keyWidth)}${(lines[0] ?? '').trimStart()}`, ...lines.slice(1))
        } else out.push(...wrap(b.key, width, '  '), ...wrap(value, width, ' '.repeat(keyWidth + 2)))
        break
      }
      case 'bullet': {
        const lines = wrap(paragraphText(b.tokens), width, '    ')
        out.push(`  - ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1))
        break
      }
      case 'code':
        // The command line may be long (cat of deep cgroup paths): cut it like the output lines.
        for (let i = 0; i < b.head.length; i += width - 2) out.push(`  ${b.head.slice(i, i + width - 2)}`)
        for (const l of b.lines) {
          // Tool output keeps its spacing (columns matter); long lines are cut into width-sized pieces.
          // Printed as the tool printed it (no prefix: most tools fill 80 columns); notes start with "^".
          const text = l.text.replace(/\s+$/, '')
          if (text === '') out.push('')
          for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width))
          if (l.note) out.push(...wrap(`^ ${l.note}`, width, '    '))
        }
        break
    }
  }
  return out.join('\n')
}
