// The live render of a changing document (watch): Ink's render() in place, with stdin in raw mode for the
// keys. Loaded only through src/doc/output.ts's dynamic import, like the one-frame renderer.
import {render} from 'ink'
import {createElement} from 'react'
import type {Doc} from '../blocks.js'
import {Live, type LiveFeed} from './Live.js'

export type {LiveFeed}

export async function runLiveInk(feed: LiveFeed, first: Doc, columns: number): Promise<void> {
  // exitOnCtrlC off: Ctrl-C arrives as a key in raw mode and quits like q, through the same path.
  const app = render(createElement(Live, {feed, first, width: columns}), {exitOnCtrlC: false, patchConsole: false})
  await app.waitUntilExit()
}
