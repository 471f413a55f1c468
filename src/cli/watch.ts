// The loop of `guestview watch`: a Watcher samples the targets every interval, and each frame goes out in
// one of three ways - a live Ink screen on a terminal (keys: q quits, p pauses), one plain line per
// container per interval otherwise, or one JSON object per interval with --json (NDJSON). A cgroup that
// goes away mid-watch ends the watch with one line on stderr and exit 1; q, Ctrl-C and --count end it with 0.
import type {Doc} from '../doc/blocks.js'
import type {LiveFeed} from '../doc/ink/Live.js'
import {renderLive, type OutputMode} from '../doc/output.js'
import {inlineText} from '../doc/text/inline.js'
import type {Frame} from '../live/frame.js'
import type {Targets} from '../live/targets.js'
import {Watcher} from '../live/watcher.js'
import {escapeControls, forJson} from '../text/safe.js'
import {unreadableLine, waitingDoc, watchDoc, watchLine, type WatchState} from '../screens/watch.js'

/** GUESTVIEW_WATCH_RESTART=0: an open-ended watch runs as started (src/live/start-settings.ts). */
export const WATCH_RESTART_ENV = 'GUESTVIEW_WATCH_RESTART'

/**
 * An open-ended watch restarts itself with the V8 options below this interval (bench/watch-memory.ts, Node 24,
 * 2,000 frames at 0.2 s: 72 to 194 MiB as started, the young generation at 128 MiB; 69 to 95 with
 * --max-semi-space-size=2), not at the default 2 s (1-4 MiB of young generation).
 */
export const RESTART_BELOW_SECONDS = 1

export type WatchOptions = {
  targets: Targets
  intervalSeconds: number
  /** Stop after this many intervals (null: until quit). */
  count: number | null
  output: 'json' | 'lines' | 'live'
  mode: OutputMode
  root: string
}

/** Resolves with the process exit code. */
export async function runWatch(o: WatchOptions): Promise<number> {
  const watcher = new Watcher(o.targets)
  watcher.start()
  const state: WatchState = {intervalSeconds: o.intervalSeconds, paused: false, root: o.root}
  let stopped = false
  let code = 0
  let last: Frame | null = null
  let show: (doc: Doc) => void = () => {}
  let end: () => void = () => {}
  const feed: LiveFeed = {
    subscribe(s, e) {
      show = s
      end = e
      return () => (show = () => {})
    },
    togglePause() {
      state.paused = !state.paused
      show(last ? watchDoc(last, state) : waitingDoc(state))
    },
    quit() {
      stopped = true
    },
  }
  const write = (text: string) => process.stdout.write(text)
  const loop = async () => {
    const started = performance.now()
    for (let n = 1; !stopped && (o.count === null || n <= o.count); n++) {
      await wakeAt(started + n * o.intervalSeconds * 1000, () => stopped)
      if (stopped) break
      const step = watcher.step()
      if (step.kind === 'ended') {
        process.stderr.write(`guestview watch: ${step.message}\n`)
        code = 1
        break
      }
      last = step.frame
      if (o.output === 'json') write(JSON.stringify(forJson(step.frame)) + '\n')
      else if (o.output === 'lines') {
        for (const c of step.frame.containers) write(escapeControls(inlineText(watchLine(step.frame, c))) + '\n')
        for (const u of step.frame.unreadable ?? [])
          write(escapeControls(inlineText(unreadableLine(step.frame, u))) + '\n')
      } else if (!state.paused) show(watchDoc(step.frame, state))
    }
    stopped = true
    end()
  }
  if (o.output !== 'live') {
    await loop()
    return code
  }
  const looping = loop()
  await renderLive(feed, waitingDoc(state), o.mode)
  stopped = true
  await looping
  return code
}

/** Sleep until `atMs` (performance.now() time), waking early when `stop()` turns true. */
async function wakeAt(atMs: number, stop: () => boolean): Promise<void> {
  while (!stop()) {
    const left = atMs - performance.now()
    if (left <= 0) return
    await new Promise((r) => setTimeout(r, Math.min(left, 100)))
  }
}
