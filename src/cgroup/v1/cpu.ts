// cgroup v1 CPU files. Documentation/scheduler/sched-bwc.rst (CFS bandwidth) and
// Documentation/admin-guide/cgroup-v1/cpuacct.rst:
//   cpu.cfs_quota_us   -1 (no limit) or the run time allowed per period, in microseconds
//   cpu.cfs_period_us  the period, in microseconds (default 100000)
//   cpu.cfs_burst_us   unused quota that may carry over (5.14+)
//   cpu.shares         relative weight, default 1024, range 2..262144
//   cpu.stat           nr_periods, nr_throttled, throttled_time (NANOseconds, unlike v2's throttled_usec)
//   cpuacct.usage      total CPU time in nanoseconds (separate cpuacct hierarchy on many systems)
import type {Level} from '../../model/limit.js'
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {bigToUnits, parseS64, parseU64} from '../../parse/u64.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {levelFromMissing} from '../level.js'
import {joinGuest, readParsed, type Got} from '../read.js'
import type {QuotaPeriod, Throttling} from '../types.js'

export function quotaLevel(sys: Sysroot, dir: string): Level<QuotaPeriod> {
  const q = readParsed(sys, joinGuest(dir, 'cpu.cfs_quota_us'), parseS64)
  if (!q.ok) return levelFromMissing(sys, dir, q, 'no cpu.cfs_quota_us (kernel without CFS bandwidth control)')
  if (q.value < 0n) return {kind: 'unlimited', dir, source: q.source}
  const p = readParsed(sys, joinGuest(dir, 'cpu.cfs_period_us'), parseU64)
  if (!p.ok) return {kind: 'unknown', dir, source: p.source, reason: p.reason}
  if (p.value === 0n) return {kind: 'unknown', dir, source: p.source, reason: `${p.source}: period is 0`}
  return {
    kind: 'limited',
    dir,
    source: q.source,
    value: Number(q.value) / Number(p.value),
    extra: {quotaUs: Number(q.value), periodUs: Number(p.value)},
  }
}

export function periodUs(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'cpu.cfs_period_us'), parseU64)
}

export function burstUs(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'cpu.cfs_burst_us'), parseU64)
}

export function shares(sys: Sysroot, dir: string): Got<bigint> {
  return readParsed(sys, joinGuest(dir, 'cpu.shares'), parseU64)
}

export function throttling(sys: Sysroot, dir: string): Got<Throttling> {
  const g = readParsed(sys, joinGuest(dir, 'cpu.stat'), parseFlatKeyed)
  if (!g.ok) return g
  const periods = g.value.get('nr_periods')
  const throttled = g.value.get('nr_throttled')
  const timeNs = g.value.get('throttled_time')
  if (periods === undefined || throttled === undefined || timeNs === undefined) {
    return {
      ok: false,
      source: g.source,
      missing: 'malformed',
      reason: `${g.source}: lacks nr_periods, nr_throttled or throttled_time`,
    }
  }
  return {
    ok: true,
    source: g.source,
    value: {
      periods: Number(periods),
      throttledPeriods: Number(throttled),
      throttledSeconds: bigToUnits(timeNs, 1_000_000_000n),
    },
  }
}

/** cpuacct.usage: nanoseconds of CPU used by the cgroup and its descendants. */
export function usageSeconds(sys: Sysroot, cpuacctDir: string): Got<number> {
  const g = readParsed(sys, joinGuest(cpuacctDir, 'cpuacct.usage'), parseU64)
  return g.ok ? {...g, value: bigToUnits(g.value, 1_000_000_000n)} : g
}
