// Chooses the renderer of a document: Ink when stdout is a terminal and colour is allowed, plain text
// otherwise (pipes, CI, NO_COLOR, TERM=dumb, --no-color). The Ink path is the project's one dynamic
// import of ink and react (./ink/render.js), so plain output never loads them.
import type {Doc} from './blocks.js'
import {docText} from './text/render.js'
import {forTerminal} from '../text/safe.js'

export type OutputMode = {tty: boolean; color: boolean; columns: number}

export function outputMode(stream: NodeJS.WriteStream = process.stdout, noColorFlag = false): OutputMode {
  const tty = Boolean(stream.isTTY)
  const noColor =
    noColorFlag || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') || process.env.TERM === 'dumb'
  const columns = tty && stream.columns ? stream.columns : 80
  return {tty, color: tty && !noColor, columns: Math.max(60, Math.min(columns, 160))}
}

// Both renderers get the document through forTerminal: control characters from the tree (an OSC title
// sequence in /proc/1/comm) are shown as \x1b escapes, and no field is longer than MAX_FIELD_CHARS
// (issue 13 item 7). Every human screen goes through here.
export async function renderDoc(rawDoc: Doc, mode: OutputMode): Promise<string> {
  const doc = forTerminal(rawDoc)
  if (!mode.color) return docText(doc, mode.columns)
  const {renderDocInk} = await import('./ink/render.js')
  return renderDocInk(doc, mode.columns)
}
