// I/O limits and counters per device, read through an IoController (v2 io.max / io.stat, v1 blkio.throttle.*).
// A device with no line has no limit at that level. Limits apply at every level of the hierarchy, so each
// device's bps/iops is the tightest over the visible ancestors, and `sources` names the files that set them.
// Counters (io.stat) are the own cgroup's.
import {IO_KEYS, type IoController, type IoKey, type IoStat} from '../cgroup/controllers.js'
import {orNull, type Field, type Unread} from '../sysroot/outcome.js'
import {unknownsOf, type Unknowns} from './fields.js'

export type {IoStat}
export type IoLimit = {device: string; sources: string[]} & Record<IoKey, number | null>
export type IoOwned = {
  limits: IoLimit[] | null
  limitsSource: string | null
  stat: IoStat[] | null
  statSource: string | null
}
export type IoRead = {owned: IoOwned; unknown: Unknowns}

/** Per device and key, the smallest limit seen so far (leaf first, so a tie keeps the leaf's file). */
class Tightest {
  private readonly byDevice = new Map<string, IoLimit>()
  put(device: string, key: IoKey, value: number | null, source: string): void {
    const e = this.byDevice.get(device) ?? {
      device,
      sources: [],
      readBps: null,
      writeBps: null,
      readIops: null,
      writeIops: null,
    }
    this.byDevice.set(device, e)
    if (value === null) return
    const current = e[key]
    if (current === null || value < current) {
      e[key] = value
      if (!e.sources.includes(source)) e.sources.push(source)
    }
  }
  /** Devices that have at least one limit ("max" everywhere is no limit). */
  limits(): IoLimit[] {
    return [...this.byDevice.values()].filter((e) => IO_KEYS.some((k) => e[k] !== null))
  }
}

export function readIo(io: IoController): IoRead {
  const tight = new Tightest()
  const files = io.dirs.flatMap((dir) => io.limitFiles(dir))
  for (const f of files) {
    if (f.kind !== 'value') continue
    for (const line of f.value) tight.put(line.device, line.key, line.value, f.path)
  }
  // No limit file at any level: the limits are unknown, for the reason the first file gave (or no directory).
  const anyRead = files.some((f) => f.kind === 'value')
  const firstUnread = files.find((f): f is Unread => f.kind !== 'value')
  const limits: Field<IoLimit[]> = anyRead
    ? {kind: 'value', value: tight.limits(), path: io.limitsSource ?? ''}
    : (io.unplaced ?? firstUnread ?? {kind: 'absent', path: io.limitsSource, reason: 'no limit file was read'})
  const stat = io.stat()
  return {
    owned: {limits: orNull(limits), limitsSource: io.limitsSource, stat: orNull(stat), statSource: stat.path},
    unknown: unknownsOf('io', {limits, stat}),
  }
}
