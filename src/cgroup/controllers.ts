// One interface per resource, each with a cgroup v1 and a v2 implementation (cgroup/v1/, cgroup/v2/) and a
// factory that picks one per controller from the discovered hierarchies (factory.ts): the shape of the JDK's
// jdk.internal.platform (CgroupSubsystem, CgroupV1Subsystem, CgroupV2Subsystem) and of hotspot's
// CgroupCpuController / CgroupMemoryController. Unlike the JDK, nothing here returns -1: every answer is a
// Field (sysroot/outcome.ts), so "unlimited" and "could not read" never look alike.
//
// A method that returns null asks for something this cgroup version does not have (v1 has no memory.high,
// v2 no cpu.shares): not applicable, which is not the same as unknown.
//
// Above this line nothing knows the cgroup version: model/ asks these interfaces only. What differs between
// v1 and v2 (file names, units, the memsw arithmetic, the shares <-> weight scales, which levels a limit is
// walked over) is decided in the implementations.
import type {Field, Read, Unread} from '../sysroot/outcome.js'
import type {RelativeWeight} from './cpu-weight.js'
import type {Walked} from './walk.js'

/** Where a controller's files are: this process's cgroup directory and its visible ancestors. */
export interface Placed {
  /** Leaf first, up to the mount point; empty when the controller is not mounted or cannot be placed. */
  readonly dirs: string[]
  /** Why `dirs` is empty (not mounted; the cgroup path is not below the mount's root); null when placed. */
  readonly unplaced: Unread | null
}

export type Quota = {quotaUs: number; periodUs: number; cores: number}
export type Throttling = {periods: number; throttledPeriods: number; throttledSeconds: number}

export interface CpuController extends Placed {
  /** The tightest CFS quota over the visible levels: v1 cpu.cfs_quota_us / cpu.cfs_period_us, v2 cpu.max. */
  limit(): Walked<Quota>
  /** The CFS period of one level, in microseconds. */
  periodUs(dir: string): Read<number>
  /** Unused quota that may carry over (5.14+): v1 cpu.cfs_burst_us, v2 cpu.max.burst, in microseconds. */
  burstUs(dir: string): Read<number>
  /** Periods, throttled periods and throttled time of one level's cpu.stat. */
  throttling(dir: string): Read<Throttling>
  /** The leaf's relative weight on its own scale: v1 cpu.shares (null on v2, which has none). */
  shares(): Read<number> | null
  /** v2 cpu.weight (null on v1). */
  weight(): Read<number> | null
  /** The leaf's weight with the other version's scale beside it, under both runtime formulas. */
  relativeWeight(): Read<RelativeWeight>
  /**
   * Time this cgroup's own run queues spent throttled by any quota, its own or an ancestor's, hidden ones
   * included: cpu.stat.local (v1 throttled_time in ns, v2 throttled_usec), on kernels since 2023 (absent on
   * 6.1). cpu.stat's throttled time counts only the cgroup's own quota.
   */
  localThrottledSeconds(): Read<number>
  /** CPU time used by the cgroup and its descendants: v1 cpuacct.usage, v2 cpu.stat usage_usec. */
  usageSeconds(): Read<number>
  /** The CPUs the cgroup may run on, as the kernel enforces them (effective list). */
  cpuset(): Read<number[]>
}

export interface MemoryController extends Placed {
  /** The tightest memory limit in bytes. Values at or above the host's MemTotal cannot bind: unlimited. */
  limit(): Walked<number>
  /** Whether limit() includes a value that sees ancestors a private cgroup namespace hides (v1 memory.stat). */
  readonly seesHiddenAncestors: boolean
  /** v2 memory.high, tightest over the levels (null on v1, which has none). */
  high(): Walked<number> | null
  /** v1 memory.soft_limit_in_bytes (null on v2, which has none). */
  softLimit(): Field<number> | null
  /** Swap alone, in bytes: v2 memory.swap.max; v1 memory.memsw.limit_in_bytes - memory.limit_in_bytes. */
  swapLimit(): Walked<number>
  /** Bytes in use, page cache included: v1 memory.usage_in_bytes, v2 memory.current. */
  usageBytes(): Read<number>
  /** Inactive file cache (hierarchical): what the kubelet subtracts from usage for the working set. */
  inactiveFileBytes(): Read<number>
  /** The memory.stat key inactiveFileBytes() reads, to name the working set's source. */
  readonly inactiveFileKey: string
  /** The event counters: v2 memory.events, v1 memory.oom_control. */
  events(): Read<Map<string, bigint>>
  /** OOM kills in this cgroup: the oom_kill line of events() (Linux 4.13+, on both versions). */
  oomKills(): Read<number>
  /** v1 memory.failcnt, times usage hit the limit (null on v2: memory.events "max" counts that). */
  failcnt(): Read<number> | null
  /**
   * v2 memory.events of one level (hierarchical: max, high and oom count this cgroup's and its descendants'
   * limit hits); null on v1, whose memory.oom_control has no such counts.
   */
  eventsAt(dir: string): Read<Map<string, bigint>> | null
  /** Pages scanned for reclaim in this cgroup and below: v2 memory.stat pgscan (5.8+); null on v1, which has none. */
  reclaimScannedPages(): Read<number> | null
}

export interface PidsController extends Placed {
  /** The tightest pids.max over the levels. */
  limit(): Walked<number>
  /** pids.current: tasks (processes and threads) in the cgroup. */
  current(): Read<number>
}

export const IO_KEYS = ['readBps', 'writeBps', 'readIops', 'writeIops'] as const
export type IoKey = (typeof IO_KEYS)[number]
/** One device's limit for one key, as set at one level; null is "max" (no limit). */
export type IoLimitLine = {device: string; key: IoKey; value: number | null}
export type IoStat = {
  device: string
  readBytes: number | null
  writeBytes: number | null
  readOps: number | null
  writeOps: number | null
}

export interface IoController extends Placed {
  /** The limit files of one level, each as read: v2 io.max; v1 the four blkio.throttle.*_device files. */
  limitFiles(dir: string): Read<IoLimitLine[]>[]
  /** A name for the leaf's limit files, for a source column. */
  readonly limitsSource: string | null
  /** This cgroup's own counters: v2 io.stat; v1 blkio.throttle.io_service_bytes/io_serviced (_recursive). */
  stat(): Read<IoStat[]>
}

export type Controllers = {cpu: CpuController; memory: MemoryController; pids: PidsController; io: IoController}

/** Kernel facts both versions share, worded once so v1 and v2 label the same situation alike. */
export const HINTS = {
  oomKill: 'a kernel before 4.13, which added the oom_kill counter',
  swapAccountingOff:
    'swap accounting is off (CONFIG_MEMCG_SWAP unset, swapaccount=0 or cgroup.memory=noswap), so the swap limit cannot be read',
  burst: 'a kernel before 5.14, or one without CFS bandwidth control',
  cpuStatLocal: 'a kernel before cpu.stat.local (added in 2023; not in 6.1), or the root cgroup',
} as const
