// cgroup v2 CPU files, Documentation/admin-guide/cgroup-v2.rst "CPU":
//   cpu.max        "$MAX $PERIOD" in microseconds, "max 100000" when unlimited
//   cpu.max.burst  microseconds (5.14+)
//   cpu.weight     1..10000, default 100
//   cpu.stat       usage_usec, user_usec, system_usec, nr_periods, nr_throttled, throttled_usec (MICROseconds)
import type {Level} from '../../model/limit.js'
import {parseCpuMax} from '../../parse/cpu-max.js'
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {bigToUnits, parseU64} from '../../parse/u64.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {levelFromMissing} from '../level.js'
import {joinGuest, readParsed, type Got} from '../read.js'
import type {QuotaPeriod, Throttling} from '../types.js'

export function quotaLevel(sys: Sysroot, dir: string): Level<QuotaPeriod> {
  const g = readParsed(sys, joinGuest(dir, 'cpu.max'), parseCpuMax)
  if (!g.ok) return levelFromMissing(sys, dir, g, 'no cpu.max (root cgroup, or the cpu controller is not enabled here)')
  if (g.value.quotaUs === null) return {kind: 'unlimited', dir, source: g.source}
  const q = Number(g.value.quotaUs)
  const p = Number(g.value.periodUs)
  return {kind: 'limited', dir, source: g.source, value: q / p, extra: {quotaUs: q, periodUs: p}}
}

export function periodUs(sys: Sysroot, dir: string): Got<bigint> {
  const g = readParsed(sys, joinGuest(dir, 'cpu.max'), parseCpuMax)
  return g.ok ? {...g, value: g.value.periodUs} : g
}

export function burstUs(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'cpu.max.burst'), parseU64)
}

export function weight(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'cpu.weight'), parseU64)
}

function stat(sys: Sysroot, dir: string) {
  return readParsed(sys, joinGuest(dir, 'cpu.stat'), parseFlatKeyed)
}

export function throttling(sys: Sysroot, dir: string): Got<Throttling> {
  const g = stat(sys, dir)
  if (!g.ok) return g
  const periods = g.value.get('nr_periods')
  const throttled = g.value.get('nr_throttled')
  const timeUs = g.value.get('throttled_usec')
  if (periods === undefined || throttled === undefined || timeUs === undefined) {
    // Present only when the cpu controller is enabled for this cgroup; otherwise cpu.stat has usage only.
    return {
      ok: false,
      source: g.source,
      missing: 'absent',
      reason: `${g.source} has no throttling counters (cpu controller not enabled here)`,
    }
  }
  return {
    ok: true,
    source: g.source,
    value: {
      periods: Number(periods),
      throttledPeriods: Number(throttled),
      throttledSeconds: bigToUnits(timeUs, 1_000_000n),
    },
  }
}

export function usageSeconds(sys: Sysroot, dir: string): Got<number> {
  const g = stat(sys, dir)
  if (!g.ok) return g
  const u = g.value.get('usage_usec')
  if (u === undefined) return {ok: false, source: g.source, missing: 'malformed', reason: `${g.source}: no usage_usec`}
  return {ok: true, source: g.source, value: bigToUnits(u, 1_000_000n)}
}
