// Bounded collection for `serve`: however many scrapes arrive, the files are read at most once per
// `minIntervalMs` (1 s), and a scrape waits for the files only when what it would be served is too old.
//
// The rule a scrape follows, by the age of the latest good collection (from the start of its reading):
//  - none yet, or older than `maxAgeMs` (3 s): wait for a fresh collection, shared with every scrape that
//    arrives meanwhile. A Prometheus that scrapes every 5 s or slower (15 s, 30 s, 1 min) thus always gets
//    values read for that scrape, as Prometheus asks of exporters ("Writing exporters: Scheduling": pull at
//    scrape time, synchronously), and Prometheus, which stamps samples with its own scrape time, stamps
//    them right.
//  - between `minIntervalMs` and `maxAgeMs`: answer at once with the latest collection, and read a new one
//    in the background for the scrapes after it (stale-while-revalidate). Frequent or concurrent scrapers
//    (an HA pair, a dashboard, a load test) never wait for the files, and are served values at most
//    `maxAgeMs` old.
//  - younger than `minIntervalMs`: answer at once with it.
// guestview_collection_timestamp_seconds says when the served values were read: their age is
// `time() - guestview_collection_timestamp_seconds`.
//
// A collection that throws is not retried until the interval has passed either: the scrapes in between get
// the last good result and the error, so a broken file never turns into a tight loop of failed reads or a
// 500 for every scrape.
import type {Collected, Unreadable} from '../metrics/registry.js'
import {buildFull} from '../report/full.js'
import type {Targets} from '../live/targets.js'

export type {Unreadable}

export type Collection = {containers: Collected[]; unreadable?: Unreadable[]; at: Date; durationSeconds: number}

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
 * fails the collection for a single target (--pid; asked after its report was read: an exit midway leaves
 * a report of vanished files): the scrapes then get the last good values and guestview_collection_error 1
 * with the reason. With several targets (--pod) the others are still good: that one container is listed
 * as unreadable, with the reason, as is a container whose /proc/PID/root is refused, and none of its
 * values is served (an unread container's report would be all unknowns, and its findings guesses).
 */
export function collectReports(targets: Targets, options: {pod?: boolean} = {}): CollectFn {
  return () => {
    const started = performance.now()
    const at = new Date()
    const containers: Collected[] = []
    const unreadable: Unreadable[] = []
    for (const t of targets()) {
      if (t.unreadable !== undefined) {
        unreadable.push({container: t.name, reason: t.unreadable})
        continue
      }
      const report = buildFull(t.open(), at)
      const why = t.gone()
      if (why && !options.pod) throw new Error(`${t.name}: ${why}`)
      if (why) unreadable.push({container: t.name, reason: why})
      else containers.push({container: t.name, report})
    }
    return {
      containers,
      ...(unreadable.length > 0 ? {unreadable} : {}),
      at,
      durationSeconds: (performance.now() - started) / 1000,
    }
  }
}

export const MIN_INTERVAL_MS = 1000
export const MAX_AGE_MS = 3000

export class Collector {
  private served: Served = {last: null, error: null, count: 0}
  private inFlight: Promise<Served> | null = null
  private lastStartMs = Number.NEGATIVE_INFINITY
  /** When the collection in `served.last` started, on the `now` clock. */
  private lastGoodMs = Number.NEGATIVE_INFINITY

  constructor(
    private readonly collect: CollectFn,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxAgeMs = MAX_AGE_MS,
  ) {}

  /** The collection to serve now (see the rule at the top of this file). */
  get(): Promise<Served> {
    const now = this.now()
    if (this.served.last === null || now - this.lastGoodMs >= this.maxAgeMs) return this.refresh()
    if (now - this.lastStartMs >= this.minIntervalMs) void this.refresh()
    return Promise.resolve(this.served)
  }

  /** The collection in flight, or a new one if the interval allows, else what is served now. */
  private refresh(): Promise<Served> {
    if (this.inFlight) return this.inFlight
    if (this.now() - this.lastStartMs < this.minIntervalMs) return Promise.resolve(this.served)
    const startMs = this.now()
    this.lastStartMs = startMs
    this.inFlight = new Promise<Served>((resolve) => {
      // setImmediate: the scrapes answered from the previous collection are written out first, and scrapes
      // that arrive in this same turn of the event loop join this collection.
      setImmediate(() => {
        const count = this.served.count + 1
        try {
          this.served = {last: this.collect(), error: null, count}
          this.lastGoodMs = startMs
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
