// The report in the Prometheus text exposition format (version 0.0.4), for a sidecar that is scraped or
// pushes. Limits that are unlimited are +Inf (Prometheus' own "no bound"); unknown values are left out
// and listed in guestview_unknown with the reason, so a dashboard never plots a guess.
import {capLength, escapeControls} from '../text/safe.js'
import {effectiveCoresBasis} from '../model/cpu.js'
import type {Limit} from '../model/limit.js'
import type {FullReport} from '../report/full.js'

type Sample = {labels?: Record<string, string>; value: number}
type Family = {name: string; help: string; type: 'gauge' | 'counter'; samples: Sample[]}

/**
 * Label values escape backslash, double quote and newline (exposition format spec); other control
 * characters from the tree are shown as \xNN (after the spec's escapes, so the backslash is not doubled),
 * and a value is at most MAX_FIELD_CHARS long.
 */
export function escapeLabel(v: string): string {
  const spec = capLength(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
  return escapeControls(spec)
}

function formatValue(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '+Inf'
  if (v === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(v)
}

export function exposition(families: Family[]): string {
  const out: string[] = []
  for (const f of families) {
    if (f.samples.length === 0) continue
    out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`)
    for (const s of f.samples) {
      const labels =
        s.labels && Object.keys(s.labels).length > 0
          ? `{${Object.entries(s.labels)
              .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
              .join(',')}}`
          : ''
      out.push(`${f.name}${labels} ${formatValue(s.value)}`)
    }
  }
  return out.join('\n') + '\n'
}

export function prometheusText(r: FullReport): string {
  const unknown: Sample[] = []
  const gauge = (name: string, help: string, value: number | null, why = 'not available'): Family => {
    if (value === null || !Number.isFinite(value)) unknown.push({labels: {metric: name, reason: why}, value: 1})
    return {name, help, type: 'gauge', samples: value === null || !Number.isFinite(value) ? [] : [{value}]}
  }
  const counter = (name: string, help: string, value: number | null | undefined, why = 'not available'): Family => {
    if (value === null || value === undefined) unknown.push({labels: {metric: name, reason: why}, value: 1})
    return {name, help, type: 'counter', samples: value === null || value === undefined ? [] : [{value}]}
  }
  const limit = (name: string, help: string, l: Limit): Family => {
    if (l.state === 'unknown') {
      unknown.push({labels: {metric: name, reason: l.reason}, value: 1})
      return {name, help, type: 'gauge', samples: []}
    }
    return {
      name,
      help,
      type: 'gauge',
      samples: [{labels: {source: l.source}, value: l.state === 'limited' ? l.value : Number.POSITIVE_INFINITY}],
    }
  }
  const t = r.cpu.throttling
  const noThrottle = 'no throttling counters (cpu.stat) here'
  const families: Family[] = [
    {
      name: 'guestview_info',
      help: 'Constant 1, labelled with the cgroup layout.',
      type: 'gauge',
      samples: [
        {
          labels: {
            cgroup_version: r.cgroup.version,
            cgroup_namespace: r.cgroup.namespace,
            cgroup_path: r.cgroup.path ?? '',
          },
          value: 1,
        },
      ],
    },
    limit(
      'guestview_cpu_limit_cores',
      'CPU quota in cores (quota/period), tightest over visible ancestors; +Inf when unlimited.',
      r.cpu.limit,
    ),
    gauge(
      'guestview_cpu_effective_cores',
      'min(CPU limit, cpuset size, online CPUs).',
      r.cpu.effectiveCores,
      effectiveCoresBasis(r.cpu),
    ),
    gauge('guestview_cpu_online_cpus', 'CPUs the kernel shows online (what nproc-like tools see).', r.cpu.hostCpus),
    counter('guestview_cpu_usage_seconds_total', 'CPU time used by the container cgroup.', r.cpu.usageSeconds),
    counter(
      'guestview_cpu_periods_total',
      'CFS enforcement periods of the cgroup that sets the CPU limit.',
      t?.periods,
      noThrottle,
    ),
    counter(
      'guestview_cpu_throttled_periods_total',
      'CFS periods in which the cgroup was throttled.',
      t?.throttledPeriods,
      noThrottle,
    ),
    counter(
      'guestview_cpu_throttled_seconds_total',
      'Total time the cgroup was throttled.',
      t?.throttledSeconds,
      noThrottle,
    ),
    limit(
      'guestview_memory_limit_bytes',
      'Memory limit, tightest over visible ancestors; +Inf when unlimited.',
      r.memory.limit,
    ),
    gauge('guestview_memory_usage_bytes', 'Memory usage of the cgroup, page cache included.', r.memory.usageBytes),
    gauge(
      'guestview_memory_working_set_bytes',
      'Usage minus inactive file cache (kubelet working set).',
      r.memory.workingSetBytes,
    ),
    counter('guestview_memory_oom_kills_total', 'OOM kills in the cgroup.', r.memory.oomKills),
    limit('guestview_pids_limit', 'pids.max, tightest over visible ancestors; +Inf when unlimited.', r.pids.limit),
    gauge('guestview_pids_current', 'Tasks (processes and threads) in the cgroup.', r.pids.current),
    gauge(
      'guestview_host_memory_bytes',
      'MemTotal of /proc/meminfo (the host, unless lxcfs virtualizes it).',
      r.host.memTotalBytes,
    ),
    {
      name: 'guestview_view_scope',
      help: 'Constant 1 per source the classic tools read, labelled with its scope here.',
      type: 'gauge',
      samples: r.views.map((v) => ({labels: {source: v.source, scope: v.scope}, value: 1})),
    },
    {
      name: 'guestview_finding',
      help: 'Constant 1 per finding raised now, by id and severity.',
      type: 'gauge',
      samples: r.findings.map((f) => ({labels: {id: f.id, severity: f.severity}, value: 1})),
    },
  ]
  families.push({
    name: 'guestview_unknown',
    help: 'Constant 1 per metric that could not be read, with the reason.',
    type: 'gauge',
    samples: unknown,
  })
  return exposition(families)
}
