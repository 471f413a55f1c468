import {renderToString} from 'ink'
import {createElement} from 'react'
import type {Block} from '../doc.js'
import {Doc} from './Doc.js'

export function renderDocInk(blocks: Block[], columns: number): string {
  return renderToString(createElement(Doc, {blocks, width: columns}), {columns})
}
