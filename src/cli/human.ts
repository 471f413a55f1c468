// The human side of every command: a screen's document, drawn by Ink on a terminal in colour and as plain
// text otherwise. Shared by every command.
import type {Doc} from '../doc/blocks.js'
import {outputMode, renderDoc} from '../doc/output.js'
import {traceStart} from './trace-start.js'

export async function human(doc: Doc, noColor = false): Promise<string> {
  traceStart('screen built')
  const text = await renderDoc(doc, outputMode(process.stdout, noColor))
  traceStart('screen drawn')
  return text
}
