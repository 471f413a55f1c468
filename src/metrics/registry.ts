// The Prometheus metrics of `serve` (/metrics), `metrics` and `metrics --push`: a prom-client Registry whose
// metrics fill themselves from the latest collection in collect() callbacks (no hand-written exposition).
//
// Names are cAdvisor's wherever cAdvisor has the same quantity, with its units and conventions, so existing
// dashboards and alerts work unchanged (cAdvisor metrics/prometheus.go; the kubelet's /metrics/cadvisor):
//   container_cpu_usage_seconds_total{cpu="total"}, container_cpu_cfs_{periods,throttled_periods,
//   throttled_seconds}_total, container_memory_{usage,working_set}_bytes, container_oom_events_total,
//   container_spec_cpu_{quota,period,shares} (microseconds, microseconds, shares: a v2 weight is converted
//   as cAdvisor does, with the linear formula), container_spec_memory_limit_bytes (0 when unlimited, as
//   cAdvisor reports anything above 2^62), container_pressure_{cpu,memory,io}_{waiting,stalled}_seconds_total
//   (PSI "some" and "full" of the container's own cgroup). As in cAdvisor, container_spec_cpu_quota is left
//   out when there is no quota.
// Everything else is guestview_*: the limits as guestview reads them (unrounded cores, +Inf when unlimited,
// with the file that sets them), effective cores, one series per finding and per view scope, and what could
// not be read (guestview_unknown, with the reason). Every series has a `container` label: "self", or one
// per container with --pod.
//
// prom-client costs a few hundred milliseconds to load: only `serve` and `metrics` import this module, and
// they do it lazily.
import {Counter, Gauge, Registry} from 'prom-client'
import {sharesFromWeightLinear} from '../cgroup/cpu-weight.js'
import type {Limit} from '../model/limit.js'
import type {PressureValue} from '../model/pressure.js'
import type {FullReport} from '../report/full.js'
import {capLength, escapeControls} from '../text/safe.js'

export type Collected = {container: string; report: FullReport}

/** A container listed but not read (serve --pod): /proc/PID/root refused, or its process gone. */
export type Unreadable = {container: string; reason: string}

/** What the registry draws from at each scrape. */
export type MetricsState = {
  containers: Collected[]
  /** Containers listed but not read (serve --pod): only guestview_container_readable 0 is served for them. */
  unreadable?: Unreadable[]
  /** Collections made so far (for `serve`: how many times the files were read). */
  collections: number
  /** Why the latest collection failed (the metrics then are the last good ones), or null. */
  error: string | null
  durationSeconds: number | null
  /** When the data served was read (Unix seconds). */
  timestampSeconds: number | null
}

type Labels = Record<string, string | number>
type Sample = {labels: Labels; value: number}
type Read = (s: MetricsState) => Sample[]

const per = (s: MetricsState, f: (c: Collected) => Sample[]): Sample[] => s.containers.flatMap(f)
/** One sample per container when the value is known; unknown ones go to guestview_unknown instead. */
const each =
  (pick: (r: FullReport) => number | null | undefined, extra: Labels = {}): Read =>
  (s) =>
    per(s, (c) => {
      const v = pick(c.report)
      return v === null || v === undefined || Number.isNaN(v)
        ? []
        : [{labels: {container: c.container, ...extra}, value: v}]
    })

const limitValue = (l: Limit): number | null =>
  l.state === 'limited' ? l.value : l.state === 'unlimited' ? Number.POSITIVE_INFINITY : null

const limitSample =
  (pick: (r: FullReport) => Limit): Read =>
  (s) =>
    per(s, (c) => {
      const l = pick(c.report)
      const v = limitValue(l)
      return v === null ? [] : [{labels: {container: c.container, source: l.source ?? ''}, value: v}]
    })

function psiSeconds(p: PressureValue, line: 'some' | 'full'): number | null {
  if (p.state !== 'available' || p.source.startsWith('/proc/pressure/')) return null
  return p[line]?.totalSeconds ?? null
}

function shares(r: FullReport): number | null {
  if (r.cpu.shares !== null) return r.cpu.shares
  return r.cpu.weight !== null ? sharesFromWeightLinear(r.cpu.weight) : null
}

type Def = {name: string; help: string; type: 'counter' | 'gauge'; labels: string[]; read: Read}

const C = ['container']

const DEFS: Def[] = [
  // --- cAdvisor's names -------------------------------------------------------------------------------
  {
    name: 'container_cpu_usage_seconds_total',
    help: 'Cumulative cpu time consumed in seconds.',
    type: 'counter',
    labels: [...C, 'cpu'],
    read: each((r) => r.cpu.usageSeconds, {cpu: 'total'}),
  },
  {
    name: 'container_cpu_cfs_periods_total',
    help: 'Number of elapsed enforcement period intervals.',
    type: 'counter',
    labels: C,
    read: each((r) => r.cpu.throttling?.periods),
  },
  {
    name: 'container_cpu_cfs_throttled_periods_total',
    help: 'Number of throttled period intervals.',
    type: 'counter',
    labels: C,
    read: each((r) => r.cpu.throttling?.throttledPeriods),
  },
  {
    name: 'container_cpu_cfs_throttled_seconds_total',
    help: 'Total time duration the container has been throttled.',
    type: 'counter',
    labels: C,
    read: each((r) => r.cpu.throttling?.throttledSeconds),
  },
  {
    name: 'container_memory_usage_bytes',
    help: 'Current memory usage in bytes, including all memory regardless of when it was accessed.',
    type: 'gauge',
    labels: C,
    read: each((r) => r.memory.usageBytes),
  },
  {
    name: 'container_memory_working_set_bytes',
    help: 'Current working set in bytes (usage minus inactive file cache).',
    type: 'gauge',
    labels: C,
    read: each((r) => r.memory.workingSetBytes),
  },
  {
    name: 'container_oom_events_total',
    help: 'Count of out of memory events observed for the container.',
    type: 'counter',
    labels: C,
    read: each((r) => r.memory.oomKills),
  },
  {
    name: 'container_spec_cpu_quota',
    help: 'CPU quota of the container, in microseconds per period (absent when there is no quota).',
    type: 'gauge',
    labels: C,
    read: each((r) => (r.cpu.limit.state === 'limited' ? r.cpu.quotaUs : null)),
  },
  {
    name: 'container_spec_cpu_period',
    help: 'CPU period of the container, in microseconds.',
    type: 'gauge',
    labels: C,
    read: each((r) => r.cpu.periodUs),
  },
  {
    name: 'container_spec_cpu_shares',
    help: 'CPU share of the container (cgroup v2 cpu.weight converted to shares).',
    type: 'gauge',
    labels: C,
    read: each(shares),
  },
  {
    name: 'container_spec_memory_limit_bytes',
    help: 'Memory limit for the container (0 when unlimited).',
    type: 'gauge',
    labels: C,
    read: each((r) => (r.memory.limit.state === 'unlimited' ? 0 : limitValue(r.memory.limit))),
  },
  ...(['cpu', 'memory', 'io'] as const).flatMap((res): Def[] => [
    {
      name: `container_pressure_${res}_waiting_seconds_total`,
      help: `Total time duration tasks in the container have waited due to ${res} congestion (PSI some).`,
      type: 'counter',
      labels: C,
      read: each((r) => psiSeconds(r.pressure[res], 'some')),
    },
    {
      name: `container_pressure_${res}_stalled_seconds_total`,
      help: `Total time duration no tasks in the container could make progress due to ${res} congestion (PSI full).`,
      type: 'counter',
      labels: C,
      read: each((r) => psiSeconds(r.pressure[res], 'full')),
    },
  ]),
  // --- guestview's own ----------------------------------------------------------------------------------
  {
    name: 'guestview_info',
    help: 'Constant 1, labelled with the cgroup layout.',
    type: 'gauge',
    labels: [...C, 'cgroup_version', 'cgroup_namespace', 'cgroup_path'],
    read: (s) =>
      per(s, (c) => [
        {
          labels: {
            container: c.container,
            cgroup_version: c.report.cgroup.version,
            cgroup_namespace: c.report.cgroup.namespace,
            cgroup_path: c.report.cgroup.path ?? '',
          },
          value: 1,
        },
      ]),
  },
  {
    name: 'guestview_cpu_limit_cores',
    help: 'CPU quota in cores (quota/period), tightest over visible ancestors; +Inf when unlimited.',
    type: 'gauge',
    labels: [...C, 'source'],
    read: limitSample((r) => r.cpu.limit),
  },
  {
    name: 'guestview_cpu_effective_cores',
    help: 'min(CPU limit, cpuset size, online CPUs): what to size thread pools by.',
    type: 'gauge',
    labels: C,
    read: each((r) => r.cpu.effectiveCores),
  },
  {
    name: 'guestview_cpu_online_cpus',
    help: 'CPUs the kernel shows online (what nproc-like tools see).',
    type: 'gauge',
    labels: C,
    read: each((r) => r.cpu.hostCpus),
  },
  {
    name: 'guestview_memory_limit_bytes',
    help: 'Memory limit, tightest over visible ancestors; +Inf when unlimited.',
    type: 'gauge',
    labels: [...C, 'source'],
    read: limitSample((r) => r.memory.limit),
  },
  {
    name: 'guestview_pids_limit',
    help: 'pids.max, tightest over visible ancestors; +Inf when unlimited.',
    type: 'gauge',
    labels: [...C, 'source'],
    read: limitSample((r) => r.pids.limit),
  },
  {
    name: 'guestview_pids_current',
    help: 'Tasks (processes and threads) in the cgroup.',
    type: 'gauge',
    labels: C,
    read: each((r) => r.pids.current),
  },
  {
    name: 'guestview_host_memory_bytes',
    help: 'MemTotal of /proc/meminfo (the host, unless lxcfs virtualizes it).',
    type: 'gauge',
    labels: C,
    read: each((r) => r.host.memTotalBytes),
  },
  {
    name: 'guestview_finding',
    help: 'Constant 1 per finding raised now, by id and severity.',
    type: 'gauge',
    labels: [...C, 'id', 'severity'],
    read: (s) =>
      per(s, (c) =>
        c.report.findings.map((f) => ({labels: {container: c.container, id: f.id, severity: f.severity}, value: 1})),
      ),
  },
  {
    name: 'guestview_view_scope',
    help: 'Constant 1 per source the classic tools read, labelled with its scope here.',
    type: 'gauge',
    labels: [...C, 'source', 'scope'],
    read: (s) =>
      per(s, (c) =>
        c.report.views.map((v) => ({labels: {container: c.container, source: v.source, scope: v.scope}, value: 1})),
      ),
  },
  {
    name: 'guestview_unknown',
    help: 'Constant 1 per value of the report that could not be read (its place in the report JSON), with the reason.',
    type: 'gauge',
    labels: [...C, 'metric', 'reason'],
    read: (s) =>
      per(s, (c) => {
        const r = c.report
        const limits = {'cpu.limit': r.cpu.limit, 'memory.limit': r.memory.limit, 'pids.limit': r.pids.limit}
        return [
          ...Object.entries(limits).flatMap(([metric, l]) =>
            l.state === 'unknown' ? [[metric, l.reason] as const] : [],
          ),
          ...Object.entries(r.debug.unknown).map(([metric, u]) => [metric, u.reason] as const),
        ].map(([metric, reason]) => ({labels: {container: c.container, metric, reason}, value: 1}))
      }),
  },
  {
    name: 'guestview_container_readable',
    help: '1 for each container whose files were read; 0 (with the reason) for one listed but not read, whose values are then absent, not unknown.',
    type: 'gauge',
    labels: [...C, 'reason'],
    read: (s) => [
      ...s.containers.map((c) => ({labels: {container: c.container, reason: ''}, value: 1})),
      ...(s.unreadable ?? []).map((u) => ({labels: {container: u.container, reason: u.reason}, value: 0})),
    ],
  },
  {
    name: 'guestview_collections_total',
    help: 'Collections made (each reads the cgroup and /proc files once); at most one per second.',
    type: 'counter',
    labels: C,
    read: (s) => per(s, (c) => [{labels: {container: c.container}, value: s.collections}]),
  },
  {
    name: 'guestview_collection_error',
    help: '1 when the latest collection failed and the values shown are the last good ones, else 0.',
    type: 'gauge',
    labels: [...C, 'reason'],
    read: (s) =>
      (s.containers.length > 0 ? s.containers.map((c) => c.container) : ['self']).map((container) => ({
        labels: {container, reason: s.error ?? ''},
        value: s.error ? 1 : 0,
      })),
  },
  {
    name: 'guestview_collection_duration_seconds',
    help: 'Wall time of the collection the values come from.',
    type: 'gauge',
    labels: C,
    read: (s) =>
      s.durationSeconds === null ? [] : per(s, (c) => [{labels: {container: c.container}, value: s.durationSeconds!}]),
  },
  {
    name: 'guestview_collection_timestamp_seconds',
    help: 'When the values served were read (Unix time): their age is time() minus this. A scrape waits for fresh values when they are 3 s old or more, and is answered at once with these otherwise.',
    type: 'gauge',
    labels: C,
    read: (s) =>
      s.timestampSeconds === null
        ? []
        : per(s, (c) => [{labels: {container: c.container}, value: s.timestampSeconds!}]),
  },
]

/**
 * Label values come from the tree (a cgroup path, a reason naming a file): control characters are shown as
 * \xNN and a value is at most MAX_FIELD_CHARS long (issue 13 item 7). prom-client itself escapes
 * backslash, double quote and newline as the exposition format requires.
 */
function safeLabels(labels: Labels): Labels {
  const out: Labels = {}
  for (const [k, v] of Object.entries(labels)) out[k] = typeof v === 'string' ? escapeControls(capLength(v)) : v
  return out
}

/** A registry whose every metric reads `state()` when scraped. */
export function metricsRegistry(state: () => MetricsState): Registry {
  const registry = new Registry()
  for (const d of DEFS) {
    const fill = (m: Counter<string> | Gauge<string>) => {
      m.reset()
      for (const s of d.read(state())) {
        const labels = safeLabels(s.labels)
        if (m instanceof Counter) m.inc(labels, s.value)
        else m.set(labels, s.value)
      }
    }
    const config = {
      name: d.name,
      help: d.help,
      labelNames: d.labels,
      registers: [registry],
      collect(this: Counter<string> | Gauge<string>) {
        fill(this)
      },
    }
    if (d.type === 'counter') new Counter(config)
    else new Gauge(config)
  }
  return registry
}

export const METRIC_NAMES = DEFS.map((d) => d.name)

/** The exposition text of one collection (for `metrics` and `metrics --push`). */
export async function metricsText(containers: Collected[]): Promise<{text: string; contentType: string}> {
  const state: MetricsState = {
    containers,
    collections: 1,
    error: null,
    durationSeconds: null,
    timestampSeconds: null,
  }
  const registry = metricsRegistry(() => state)
  return {text: await registry.metrics(), contentType: registry.contentType}
}
