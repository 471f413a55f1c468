// /proc/loadavg, proc(5): "0.20 0.18 0.12 1/80 11206" = load over 1, 5, 15 minutes; runnable/total
// scheduling entities; last PID. The load counts every task on the host (running + uninterruptible),
// not the container's: see the talk, and the load-average-host-wide finding.
import {all, parseDecimal, parseSafeInt} from './numbers.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {loadavgWords} from './scan.js'

export type Loadavg = {
  load1: number
  load5: number
  load15: number
  runnable: number
  entities: number
  lastPid: number
}

export function parseLoadavg(text: string): Parsed<Loadavg> {
  const m = loadavgWords(text.trim()) // /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/
  if (!m) return fail(`not a loadavg line: ${quote(text.trim())}`)
  // Loads are fixed-point numbers of at most 2^21 (kernel/sched/loadavg.c); counts are ints.
  const loads = all([m[0]!, m[1]!, m[2]!].map((x) => parseDecimal(x, 1e7)))
  if (!loads.ok) return fail(`load: ${loads.reason}`)
  const ints = all([m[3]!, m[4]!, m[5]!].map((x) => parseSafeInt(x, 2 ** 32)))
  if (!ints.ok) return fail(ints.reason)
  const [load1, load5, load15] = loads.value as [number, number, number]
  const [runnable, entities, lastPid] = ints.value as [number, number, number]
  return ok({load1, load5, load15, runnable, entities, lastPid})
}
