// One-frame Ink rendering of a document to a string (oclif's stdout mock and pipes cannot take Ink's live
// render()). Loaded only through src/doc/output.ts's one dynamic import: ink, react and yoga cost ~0.5 s
// to load, so only a terminal in colour pays for them.
import {renderToString} from 'ink'
import {createElement} from 'react'
import type {Doc} from '../blocks.js'
import {DocView} from './DocView.js'

export function renderDocInk(doc: Doc, columns: number): string {
  return renderToString(createElement(DocView, {doc, width: columns}), {columns})
}
