// The `capture` screen: what was copied into DIR, the paths refused, and whether `--root DIR` replays it.
// Three status lines, as before this was a document; the words are the same and, in a pipe, each stays one
// unindented line however long its paths, so scripts that grep them still work.
import {statusLine, type Doc} from '../doc/blocks.js'
import {cmd, line, num, path, text, warn, type Inline} from '../doc/tokens.js'
import type {CaptureResult} from '../report/capture.js'

/** The first paths refused: the rest are in --json (the whole list) and the manifest. */
const REFUSED_SHOWN = 10

export function captureDoc(result: Extract<CaptureResult, {ok: true}>): Doc {
  const s = result.summary
  const counts = line`captured ${num(s.files, 'count')} files, ${num(s.links, 'count')} links, ${num(s.dirs, 'count')} directories, ${num(s.unreadable, 'count')} unreadable into ${path(result.dir)}`
  const refused: Inline = [
    warn(`refused ${s.refused.length}: `),
    ...s.refused.slice(0, REFUSED_SHOWN).flatMap((p, i) => (i > 0 ? [text('; '), path(p)] : [path(p)])),
  ]
  const replay: Inline = result.replayMatches
    ? [text('replay check: '), cmd('--root'), text(' on it gives the same report')]
    : [warn(`replay check FAILED: ${result.replayDiff.join('; ')}`)]
  return [statusLine(counts), ...(s.refused.length > 0 ? [statusLine(refused)] : []), statusLine(replay)]
}
