// Chooses the human renderer: Ink when stdout is a TTY and colour is allowed, plain text otherwise
// (pipes, CI, NO_COLOR, --no-color). The Ink path is a dynamic import so plain output never loads React.
import type {Block} from '../explain/doc.js'
import {docText} from '../explain/render-text.js'
import type {Section} from './owns-view.js'
import {renderSectionsText} from './text.js'
import {forTerminal} from '../text/safe.js'

export type OutputMode = {tty: boolean; color: boolean; columns: number}

export function outputMode(stream: NodeJS.WriteStream = process.stdout, noColorFlag = false): OutputMode {
  const tty = Boolean(stream.isTTY)
  const noColor =
    noColorFlag || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') || process.env.TERM === 'dumb'
  const columns = tty && stream.columns ? stream.columns : 80
  return {tty, color: tty && !noColor, columns: Math.max(60, Math.min(columns, 160))}
}

// Both renderers get the text through forTerminal: control characters from the tree (an OSC title sequence
// in /proc/1/comm) are shown as \x1b escapes, and no field is longer than MAX_FIELD_CHARS (issue 13 item 7).
export async function renderSections(title: string, rawSections: Section[], mode: OutputMode): Promise<string> {
  const sections = forTerminal(rawSections)
  title = forTerminal(title)
  if (!mode.color) return renderSectionsText(title, sections, mode.columns)
  const {renderSectionsInk} = await import('./ink/render.js')
  return renderSectionsInk(title, sections, mode.columns)
}

export async function renderDoc(rawBlocks: Block[], mode: OutputMode): Promise<string> {
  const blocks = forTerminal(rawBlocks)
  if (!mode.color) return docText(blocks, mode.columns)
  const {renderDocInk} = await import('../explain/ink/render.js')
  return renderDocInk(blocks, mode.columns)
}
