// The fast path: `guestview owns` with only --json / --root / --no-color, when no Ink is needed, skips
// loading @oclif/core (~160 ms) and answers in about the time of `node -e 0` (see bench/ and README).
// Anything else - another command, another flag, help, a bad --root - returns false and oclif takes over,
// so errors and help stay oclif's. The output is byte-identical to the oclif command's (tested).
import {buildOwns} from '../report/owns.js'
import {openTarget} from '../target/open.js'
import {exitQuietlyOnEpipe} from './epipe.js'
import {forJson} from '../text/safe.js'

type Parsed = {json: boolean; root: string; noColor: boolean}

export function parseFastArgs(argv: string[]): Parsed | null {
  if (argv[0] !== 'owns') return null
  const out: Parsed = {json: false, root: '/', noColor: false}
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--json') out.json = true
    else if (a === '--no-color') out.noColor = true
    else if (a === '--root' && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) out.root = argv[++i]!
    else if (a.startsWith('--root=') && a.length > 7) out.root = a.slice(7)
    else return null
  }
  return out
}

export async function runFast(argv: string[]): Promise<boolean> {
  if (process.env.GUESTVIEW_NO_FAST_PATH) return false
  const args = parseFastArgs(argv)
  if (!args) return false
  if (!args.json && process.stdout.isTTY) return false // the Ink path belongs to oclif's command
  // No --pid here (oclif takes those), but a `capture --pid` tree still replays its target.
  const opened = openTarget(args.root, {})
  if (!opened.ok) return false // oclif prints the one-line error and exits 2
  exitQuietlyOnEpipe()
  const report = buildOwns(opened.sys)
  if (args.json) {
    process.stdout.write(JSON.stringify(forJson(report), null, 2) + '\n')
  } else {
    const [{human}, {ownsDoc}] = await Promise.all([import('./human.js'), import('../screens/owns.js')])
    process.stdout.write((await human(ownsDoc(report), args.noColor)) + '\n')
  }
  return true
}
