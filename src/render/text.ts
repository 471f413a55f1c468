// Plain-text rendering of sections: for pipes, CI, NO_COLOR. No ANSI codes, ever. Fits the given width
// (80 when unknown): long values and notes wrap under their row instead of running off the edge.
import type {Section} from './owns-view.js'

export function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = []
  const room = Math.max(20, width - indent.length)
  let line = ''
  for (let word of text.split(/\s+/).filter(Boolean)) {
    const sep = line ? 1 : 0
    if (line.length + sep + word.length <= room) {
      line += (sep ? ' ' : '') + word
      continue
    }
    if (word.length <= room) {
      out.push(indent + line)
      line = word
      continue
    }
    // A word longer than a whole line (a deep cgroup path) fills the line and goes on below it:
    // nothing may pass the width.
    let free = room - line.length - sep
    if (free < 8) {
      if (line) out.push(indent + line)
      line = ''
      free = room
    } else line += sep ? ' ' : ''
    line += word.slice(0, free)
    word = word.slice(free)
    while (word.length > 0) {
      out.push(indent + line)
      line = word.slice(0, room)
      word = word.slice(room)
    }
  }
  if (line) out.push(indent + line)
  return out
}

export function renderSectionsText(title: string, sections: Section[], width = 80, showSources = true): string {
  // The title names the sysroot, which can be a long path: it wraps like everything else.
  const lines: string[] = [...wrap(title, width, ''), '']
  const labelWidth = Math.min(
    22,
    Math.max(0, ...sections.flatMap((s) => (s.layout === 'stacked' ? [] : s.rows.map((r) => r.label.length)))) + 2,
  )
  for (const s of sections) {
    lines.push(s.title)
    if (s.layout === 'stacked') {
      for (const r of s.rows) {
        lines.push(...wrap(r.label, width, '  '), ...wrap(r.value, width, '    '))
        if (r.note) lines.push(...wrap(r.note, width, '      '))
        if (showSources && r.source) lines.push(...wrap(`from ${r.source}`, width, '      '))
      }
      lines.push('')
      continue
    }
    for (const r of s.rows) {
      // A label too long for its column (a deep path) gets a line of its own, the value below it.
      const long = r.label.length >= labelWidth
      if (long) lines.push(...wrap(r.label, width, '  '))
      const head = long ? ' '.repeat(labelWidth + 2) : `  ${r.label.padEnd(labelWidth)}`
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
