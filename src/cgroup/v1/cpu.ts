// cgroup v1 CPU, Documentation/scheduler/sched-bwc.rst (CFS bandwidth) and
// Documentation/admin-guide/cgroup-v1/cpuacct.rst, cpusets.rst:
//   cpu.cfs_quota_us   -1 (no limit) or the run time allowed per period, in microseconds
//   cpu.cfs_period_us  the period, in microseconds (default 100000)
//   cpu.cfs_burst_us   unused quota that may carry over (5.14+)
//   cpu.shares         relative weight, default 1024, range 2..262144
//   cpu.stat           nr_periods, nr_throttled, throttled_time (NANOseconds, unlike v2's throttled_usec)
//   cpu.stat.local     throttled_time (ns): throttling by any quota, an ancestor's included (kernels since 2023)
//   cpuacct.usage      total CPU time in nanoseconds (often a separate cpuacct hierarchy, or cpu,cpuacct)
// The cpu, cpuacct and cpuset controllers may be three hierarchies: each is placed on its own.
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {bigToUnits, parseS64, parseU64} from '../../parse/u64.js'
import {keyOf, malformed, mapField, unlimited, type Field, type Read} from '../../sysroot/outcome.js'
import {joinGuest, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {HINTS, type CpuController, type Quota, type Throttling} from '../controllers.js'
import {quotaOf, QuotaPlaced} from '../cpu-quota.js'
import {throttlingOf, type ThrottledTime} from '../cpu-throttling.js'
import {fromShares, inKernelRange, SHARES_MAX, SHARES_MIN, type RelativeWeight} from '../cpu-weight.js'
import type {Hierarchy} from '../discover.js'
import {atLeaf, placement, type Placement} from '../placement.js'

const NO_BANDWIDTH = 'a kernel without CFS bandwidth control'
const THROTTLED_TIME: ThrottledTime = {key: 'throttled_time', perSecond: 1_000_000_000n}

export class V1Cpu extends QuotaPlaced implements CpuController {
  private readonly acct: Placement

  constructor(
    sys: Sysroot,
    cpu: Hierarchy | null,
    cpuacct: Hierarchy | null,
    private readonly cpusetReader: () => Read<number[]>,
  ) {
    super(sys, cpu, 'cpu')
    this.acct = placement(cpuacct, 'cpuacct')
  }

  protected quota(dir: string): Field<Quota> {
    const q = readField(this.sys, joinGuest(dir, 'cpu.cfs_quota_us'), parseS64, {absent: NO_BANDWIDTH})
    if (q.kind !== 'value') return q
    if (q.value < 0n) return unlimited(q.path)
    const p = readField(this.sys, joinGuest(dir, 'cpu.cfs_period_us'), parseU64)
    if (p.kind !== 'value') return p
    if (p.value === 0n) return malformed(p.path, 'period is 0')
    return quotaOf(Number(q.value), Number(p.value), q.path)
  }

  periodUs(dir: string): Read<number> {
    return mapField(readField(this.sys, joinGuest(dir, 'cpu.cfs_period_us'), parseU64), Number)
  }

  burstUs(dir: string): Read<number> {
    return mapField(readField(this.sys, joinGuest(dir, 'cpu.cfs_burst_us'), parseU64, {absent: 'Linux 5.14+'}), Number)
  }

  throttling(dir: string): Read<Throttling> {
    const stat = readField(this.sys, joinGuest(dir, 'cpu.stat'), parseFlatKeyed, {absent: NO_BANDWIDTH})
    return throttlingOf(stat, THROTTLED_TIME, NO_BANDWIDTH)
  }

  shares(): Read<number> {
    return atLeaf(this.at, (leaf) =>
      inKernelRange(
        mapField(readField(this.sys, joinGuest(leaf, 'cpu.shares'), parseU64), Number),
        SHARES_MIN,
        SHARES_MAX,
      ),
    )
  }

  weight(): null {
    return null
  }

  relativeWeight(): Read<RelativeWeight> {
    return mapField(this.shares(), fromShares)
  }

  /** cpu.stat.local throttled_time (ns): throttling by any quota, ancestors' included (kernels since 2023). */
  localThrottledSeconds(): Read<number> {
    return atLeaf(this.at, (leaf) => {
      const local = readField(this.sys, joinGuest(leaf, 'cpu.stat.local'), parseFlatKeyed, {absent: HINTS.cpuStatLocal})
      return mapField(keyOf(local, THROTTLED_TIME.key, HINTS.cpuStatLocal), (ns) =>
        bigToUnits(ns, THROTTLED_TIME.perSecond),
      )
    })
  }

  /** cpuacct.usage: nanoseconds of CPU used by the cgroup and its descendants. */
  usageSeconds(): Read<number> {
    return atLeaf(this.acct, (dir) =>
      mapField(readField(this.sys, joinGuest(dir, 'cpuacct.usage'), parseU64), (ns) => bigToUnits(ns, 1_000_000_000n)),
    )
  }

  cpuset(): Read<number[]> {
    return this.cpusetReader()
  }
}
