// Chooses the renderer of a document: Ink when stdout is a terminal and colour is allowed, plain text
// otherwise (pipes, CI, NO_COLOR, TERM=dumb, --no-color). The Ink paths are the project's only dynamic
// imports of ink and react (./ink/render.js, and ./ink/run-live.js for watch), so plain output never loads them.
import type {Doc} from './blocks.js'
import type {LiveFeed} from './ink/Live.js'
import {docText} from './text/render.js'
import {forTerminal} from '../text/safe.js'

export type OutputMode = {tty: boolean; color: boolean; columns: number}

export function outputMode(stream: NodeJS.WriteStream = process.stdout, noColorFlag = false): OutputMode {
  const tty = Boolean(stream.isTTY)
  const noColor =
    noColorFlag || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') || process.env.TERM === 'dumb'
  const columns = tty && stream.columns ? stream.columns : 80
  // GUESTVIEW_DRAW_INK=1 draws with Ink where stdout is no terminal, at 80 columns: only for the image's build
  // (scripts/ship-code-cache.mjs), which has no terminal to run a screen on and ships the code cache of one.
  const color = (tty || process.env.GUESTVIEW_DRAW_INK === '1') && !noColor
  return {tty, color, columns: Math.max(60, Math.min(columns, 160))}
}

/**
 * A document that changes (watch), drawn in place on a terminal until the feed ends or the user quits.
 * Every frame goes through forTerminal, as renderDoc's documents do (issue 13 item 7).
 */
export async function renderLive(feed: LiveFeed, first: Doc, mode: OutputMode): Promise<void> {
  const {runLiveInk} = await import('./ink/run-live.js')
  const safeFeed: LiveFeed = {
    subscribe: (show, end) => feed.subscribe((doc) => show(forTerminal(doc)), end),
    togglePause: () => feed.togglePause(),
    quit: () => feed.quit(),
  }
  await runLiveInk(safeFeed, forTerminal(first), mode.columns)
}

// Both renderers get the document through forTerminal: control characters from the tree (an OSC title
// sequence in /proc/1/comm) are shown as \x1b escapes, and no field is longer than MAX_FIELD_CHARS
// (issue 13 item 7). Every human screen goes through here.
export async function renderDoc(rawDoc: Doc, mode: OutputMode): Promise<string> {
  const doc = forTerminal(rawDoc)
  if (!mode.color) return docText(doc, mode.columns)
  const {renderDocInk} = await import('./ink/render.js')
  inkDrawn = true
  return renderDocInk(doc, mode.columns)
}

let inkDrawn = false
/** Whether this run drew a screen with Ink (src/cli/main.ts then exits as soon as the command is done). */
export const drewWithInk = (): boolean => inkDrawn
