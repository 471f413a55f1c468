// /proc/loadavg, proc(5): "0.20 0.18 0.12 1/80 11206" = load over 1, 5, 15 minutes; runnable/total
// scheduling entities; last PID. The load counts every task on the host (running + uninterruptible),
// not the container's: see the talk, and the load-average-host-wide finding.
import {fail, ok, quote, type Parsed} from './result.js'

export type Loadavg = {
  load1: number
  load5: number
  load15: number
  runnable: number
  entities: number
  lastPid: number
}

export function parseLoadavg(text: string): Parsed<Loadavg> {
  const m = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/.exec(text.trim())
  if (!m) return fail(`not a loadavg line: ${quote(text.trim())}`)
  return ok({
    load1: Number(m[1]),
    load5: Number(m[2]),
    load15: Number(m[3]),
    runnable: Number(m[4]),
    entities: Number(m[5]),
    lastPid: Number(m[6]),
  })
}
