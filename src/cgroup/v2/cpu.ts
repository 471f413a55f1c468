// cgroup v2 CPU, Documentation/admin-guide/cgroup-v2.rst "CPU" and "Cpuset":
//   cpu.max        "$MAX $PERIOD" in microseconds, "max 100000" when unlimited
//   cpu.max.burst  microseconds (5.14+)
//   cpu.weight     1..10000, default 100
//   cpu.stat       usage_usec, user_usec, system_usec always; nr_periods, nr_throttled, throttled_usec
//                  (MICROseconds) only where the cpu controller is enabled; these count this cgroup's own
//                  quota only (non-hierarchical)
//   cpu.stat.local throttled_usec: time this cgroup's run queues were throttled by any quota, its own or an
//                  ancestor's (kernels since 2023)
import {parseCpuMax} from '../../parse/cpu-max.js'
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {bigToUnits, parseU64} from '../../parse/u64.js'
import {keyOf, mapField, unlimited, type Field, type Read} from '../../sysroot/outcome.js'
import {joinGuest, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {HINTS, type CpuController, type Quota, type Throttling} from '../controllers.js'
import {quotaOf, QuotaPlaced} from '../cpu-quota.js'
import {throttlingOf, type ThrottledTime} from '../cpu-throttling.js'
import {fromWeight, inKernelRange, WEIGHT_MAX, WEIGHT_MIN, type RelativeWeight} from '../cpu-weight.js'
import type {Hierarchy} from '../discover.js'
import {atLeaf} from '../placement.js'

const NOT_ENABLED = 'the root cgroup, or the cpu controller is not enabled here'
const THROTTLED_TIME: ThrottledTime = {key: 'throttled_usec', perSecond: 1_000_000n}

export class V2Cpu extends QuotaPlaced implements CpuController {
  constructor(
    sys: Sysroot,
    h: Hierarchy | null,
    private readonly cpusetReader: () => Read<number[]>,
  ) {
    super(sys, h, 'cpu')
  }

  private max(dir: string) {
    return readField(this.sys, joinGuest(dir, 'cpu.max'), parseCpuMax, {absent: NOT_ENABLED})
  }

  protected quota(dir: string): Field<Quota> {
    const m = this.max(dir)
    if (m.kind !== 'value') return m
    if (m.value.quotaUs === null) return unlimited(m.path)
    return quotaOf(Number(m.value.quotaUs), Number(m.value.periodUs), m.path)
  }

  periodUs(dir: string): Read<number> {
    return mapField(this.max(dir), (m) => Number(m.periodUs))
  }

  burstUs(dir: string): Read<number> {
    return mapField(readField(this.sys, joinGuest(dir, 'cpu.max.burst'), parseU64, {absent: 'Linux 5.14+'}), Number)
  }

  private stat(dir: string) {
    return readField(this.sys, joinGuest(dir, 'cpu.stat'), parseFlatKeyed)
  }

  throttling(dir: string): Read<Throttling> {
    // The throttling lines are printed only where the cpu controller is enabled for this cgroup.
    return throttlingOf(this.stat(dir), THROTTLED_TIME, NOT_ENABLED)
  }

  shares(): null {
    return null
  }

  weight(): Read<number> {
    return atLeaf(this.at, (leaf) =>
      inKernelRange(
        mapField(readField(this.sys, joinGuest(leaf, 'cpu.weight'), parseU64, {absent: NOT_ENABLED}), Number),
        WEIGHT_MIN,
        WEIGHT_MAX,
      ),
    )
  }

  relativeWeight(): Read<RelativeWeight> {
    return mapField(this.weight(), fromWeight)
  }

  localThrottledSeconds(): Read<number> {
    return atLeaf(this.at, (leaf) => {
      const local = readField(this.sys, joinGuest(leaf, 'cpu.stat.local'), parseFlatKeyed, {absent: HINTS.cpuStatLocal})
      return mapField(keyOf(local, THROTTLED_TIME.key, NOT_ENABLED), (us) => bigToUnits(us, THROTTLED_TIME.perSecond))
    })
  }

  usageSeconds(): Read<number> {
    return atLeaf(this.at, (leaf) => mapField(keyOf(this.stat(leaf), 'usage_usec'), (us) => bigToUnits(us, 1_000_000n)))
  }

  cpuset(): Read<number[]> {
    return this.cpusetReader()
  }
}
