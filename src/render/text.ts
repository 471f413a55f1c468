// Plain-text rendering of sections: for pipes, CI, NO_COLOR. No ANSI codes, ever. Fits the given width
// (80 when unknown): long values and notes wrap under their row instead of running off the edge.
import type {Section} from './owns-view.js'

export function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    // A short head ("from") stays with an unbreakable long word (a path) rather than sit alone on a line.
    if (line && indent.length + line.length + 1 + word.length > width && line.length > 8) {
      out.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) out.push(indent + line)
  return out
}

export function renderSectionsText(title: string, sections: Section[], width = 80, showSources = true): string {
  const lines: string[] = [title, '']
  const labelWidth = Math.min(22, Math.max(...sections.flatMap((s) => s.rows.map((r) => r.label.length))) + 2)
  for (const s of sections) {
    lines.push(s.title)
    for (const r of s.rows) {
      const head = `  ${r.label.padEnd(labelWidth)}`
      const [first, ...rest] = wrap(r.value, width, ' '.repeat(head.length))
      lines.push(head + (first ?? '').trimStart(), ...rest)
      const indent = ' '.repeat(head.length + 2)
      if (r.note) lines.push(...wrap(r.note, width, indent))
      if (showSources && r.source) lines.push(...wrap(`from ${r.source}`, width, indent))
    }
    lines.push('')
  }
  return lines.join('\n')
}
