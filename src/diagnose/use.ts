// The USE method (Brendan Gregg: for every resource, utilization, saturation and errors), container-aware,
// for CPU, memory, disk I/O, network and PIDs, over one interval's deltas. Each value names the file it came
// from and its scope: `container` when the kernel keeps it for this container (its cgroup, its own network
// namespace), `host` when it is the whole machine's (/proc/diskstats, the host's network namespace, system
// PSI). A value that cannot be had is null with the reason, never 0.
//
// Sources, by resource:
//   CPU      usage / effective cores; throttled share of periods, throttled s/s, cpu PSI some; none counted
//   memory   working set / limit; memory PSI some, failcnt (v1); OOM kills (memory.events / oom_control)
//   disk     the container's io.stat bytes/s and the busiest host device's %util; io PSI some and that
//            device's queue length; no error counter in cgroups or diskstats
//   network  rx+tx bytes/s of the namespace's interfaces; drops; errors (/proc/net/dev)
//   PIDs     pids.current / pids.max; (nothing waits for a PID); forks refused at pids.max (pids.events)
import * as units from '../units/units.js'
import type {Unit} from '../units/units.js'
import type {Delta, Deltas, NetScope} from './sample.js'

export type UseScope = 'container' | 'host' | 'unknown'

export type UseValue = {
  /** What is measured, in a few words ("usage / effective cores"). */
  metric: string
  value: number | null
  unit: Unit
  source: string | null
  scope: UseScope
  /** Why the value is null, or what it is measured against. */
  note?: string
}

export type UseResource = {utilization: UseValue[]; saturation: UseValue[]; errors: UseValue[]}
export const USE_RESOURCES = ['cpu', 'memory', 'io', 'network', 'pids'] as const
export type UseResourceName = (typeof USE_RESOURCES)[number]
export type Use = Record<UseResourceName, UseResource>

function ratioOf(part: Delta, whole: Delta): number | null {
  if (part.delta === null || whole.delta === null) return null
  return whole.delta > 0 ? part.delta / whole.delta : 0
}

const v = (
  metric: string,
  value: number | null,
  unit: Unit,
  source: string | null,
  scope: UseScope,
  note?: string,
): UseValue => ({
  metric,
  value: value === null || !Number.isFinite(value) ? null : value,
  unit,
  source,
  scope,
  ...(note ? {note} : {}),
})

/** A rate from a delta, with the delta's reason when unknown. */
const rate = (metric: string, d: Delta, unit: Unit, scope: UseScope): UseValue =>
  v(metric, d.perSecond, unit, d.source, scope, d.perSecond === null ? d.reason : undefined)

/** A count over the interval (errors are events: how many, not how fast). */
const events = (metric: string, d: Delta, scope: UseScope): UseValue =>
  v(metric, d.delta, 'count', d.source, scope, d.delta === null ? d.reason : undefined)

const netScope = (s: NetScope): UseScope => s

/** PSI from the cgroup's own file is the container's; the system's /proc/pressure is the host's. */
export function psiScope(d: Delta): UseScope {
  if (!d.source) return 'unknown'
  return d.source.startsWith('/proc/pressure/') ? 'host' : 'container'
}

export function useOf(d: Deltas): Use {
  const l = d.levels
  const own = d.cpuUsageSeconds.perSecond
  const cores = l.effectiveCores
  const ws = l.workingSetBytes
  const lim = l.memoryLimitBytes
  const ioBytes =
    d.io.readBytes.perSecond === null || d.io.writeBytes.perSecond === null
      ? null
      : d.io.readBytes.perSecond + d.io.writeBytes.perSecond
  const net = netScope(d.net.scope)
  const netBytes =
    d.net.rxBytes.perSecond === null || d.net.txBytes.perSecond === null
      ? null
      : d.net.rxBytes.perSecond + d.net.txBytes.perSecond
  const diskNote = d.disk.busyShare === null ? d.disk.reason : `busiest of ${d.disk.devices} devices: ${d.disk.device}`
  return {
    cpu: {
      utilization: [
        v(
          'usage / effective cores',
          own === null || !cores ? null : own / cores,
          'ratio',
          d.cpuUsageSeconds.source,
          'container',
          `usage ${units.cores(own)} / effective ${units.cores(cores)} (${l.effectiveCoresBasis})`,
        ),
      ],
      saturation: [
        v(
          'throttled share of periods',
          ratioOf(d.throttling.throttledPeriods, d.throttling.periods),
          'ratio',
          d.throttling.throttledPeriods.source,
          'container',
          d.throttling.throttledPeriods.reason,
        ),
        rate('throttled time', d.throttling.throttledSeconds, 'secondsPerSecond', 'container'),
        // PSI totals are seconds stalled: their rate is the share of wall time some task waited for CPU.
        rate('cpu pressure (some)', d.cpuPressureSomeSeconds, 'ratio', psiScope(d.cpuPressureSomeSeconds)),
      ],
      errors: [v('errors', null, 'count', null, 'container', 'cgroups keep no CPU error counter')],
    },
    memory: {
      utilization: [
        v(
          'working set / limit',
          ws === null || !lim ? null : ws / lim,
          'ratio',
          l.memoryLimitSource,
          'container',
          lim ? undefined : "no memory limit: utilization against the host is not the container's",
        ),
      ],
      saturation: [
        rate('memory pressure (some)', d.memoryPressureSomeSeconds, 'ratio', psiScope(d.memoryPressureSomeSeconds)),
        events('limit hits (failcnt)', d.failcnt, 'container'),
      ],
      errors: [events('OOM kills', d.oomKills, 'container')],
    },
    io: {
      utilization: [
        v(
          'container I/O (read + write)',
          ioBytes,
          'bytesPerSecond',
          d.io.readBytes.source,
          'container',
          ioBytes === null ? (d.io.readBytes.reason ?? d.io.writeBytes.reason) : undefined,
        ),
        v('busiest device busy (%util)', d.disk.busyShare, 'ratio', d.disk.source, 'host', diskNote),
      ],
      saturation: [
        rate('io pressure (some)', d.ioPressureSomeSeconds, 'ratio', psiScope(d.ioPressureSomeSeconds)),
        v('busiest device queue length', d.disk.queueLength, 'plain', d.disk.source, 'host', diskNote),
      ],
      errors: [v('errors', null, 'count', null, 'host', 'neither io.stat nor /proc/diskstats counts I/O errors')],
    },
    network: {
      utilization: [
        v(
          'throughput (rx + tx)',
          netBytes,
          'bytesPerSecond',
          d.net.rxBytes.source,
          net,
          netBytes === null ? (d.net.rxBytes.reason ?? d.net.txBytes.reason) : 'against no known link speed',
        ),
      ],
      saturation: [events('dropped packets', d.net.drops, net)],
      errors: [events('interface errors', d.net.errors, net)],
    },
    pids: {
      utilization: [
        v(
          'pids.current / pids.max',
          l.pidsCurrent === null || !l.pidsLimit ? null : l.pidsCurrent / l.pidsLimit,
          'ratio',
          l.pidsLimitSource,
          'container',
          l.pidsLimit ? undefined : 'no pids.max limit',
        ),
      ],
      saturation: [
        v('saturation', null, 'count', null, 'container', 'nothing queues for a PID: a fork at the limit fails'),
      ],
      errors: [events('forks refused at pids.max', d.pidsMaxEvents, 'container')],
    },
  }
}
