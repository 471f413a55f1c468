// Bounded collection for `serve`: however many scrapes arrive, the files are read at most once per
// `minIntervalMs` (1 s). A scrape that arrives while a collection runs waits for that same collection; one
// that arrives within the interval after it gets its result. A collection that throws is not retried
// until the interval has passed either: the scrapes in between get the last good result and the error,
// so a broken file never turns into a tight loop of failed reads or a 500 for every scrape.
import type {Collected} from '../metrics/registry.js'
import {buildFull} from '../report/full.js'
import type {Targets} from '../live/targets.js'

export type Collection = {containers: Collected[]; at: Date; durationSeconds: number}

export type Served = {
  /** The last good collection (null before the first one succeeds). */
  last: Collection | null
  /** Why the latest collection failed, or null when it succeeded. */
  error: string | null
  /** Collections started so far. */
  count: number
}

export type CollectFn = () => Collection

/**
 * One report per target, through a fresh sysroot each (one snapshot). A target whose process has exited
 * (--pid) fails the collection, asked after its report was read (an exit midway leaves a report of vanished
 * files): the scrapes then get the last good values and guestview_collection_error 1 with the reason.
 */
export function collectReports(targets: Targets): CollectFn {
  return () => {
    const started = performance.now()
    const at = new Date()
    const containers = targets().map((t) => {
      const report = buildFull(t.open(), at)
      const why = t.gone()
      if (why) throw new Error(`${t.name}: ${why}`)
      return {container: t.name, report}
    })
    return {containers, at, durationSeconds: (performance.now() - started) / 1000}
  }
}

export class Collector {
  private served: Served = {last: null, error: null, count: 0}
  private inFlight: Promise<Served> | null = null
  private lastStartMs = Number.NEGATIVE_INFINITY

  constructor(
    private readonly collect: CollectFn,
    private readonly minIntervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The collection to serve now: the one in flight, a fresh one, or the latest within the interval. */
  get(): Promise<Served> {
    if (this.inFlight) return this.inFlight
    if (this.now() - this.lastStartMs < this.minIntervalMs) return Promise.resolve(this.served)
    this.lastStartMs = this.now()
    this.inFlight = new Promise<Served>((resolve) => {
      // setImmediate: scrapes that arrive in this same turn of the event loop join this collection.
      setImmediate(() => {
        const count = this.served.count + 1
        try {
          this.served = {last: this.collect(), error: null, count}
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed'
          this.served = {last: this.served.last, error: message.slice(0, 200), count}
        }
        this.inFlight = null
        resolve(this.served)
      })
    })
    return this.inFlight
  }

  /** What was served last, without collecting. */
  current(): Served {
    return this.served
  }
}
