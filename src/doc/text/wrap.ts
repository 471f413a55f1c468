// Word wrapping for the plain-text renderer: every line fits the width (80 when unknown), runs of
// whitespace collapse to one space, and a word longer than a line (a deep cgroup path) is cut across lines.
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
    // A word longer than a whole line fills the line and goes on below it: nothing may pass the width.
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
