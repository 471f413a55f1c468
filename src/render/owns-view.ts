// The `owns` screen as data: sections of rows (label, value, where it came from, a tone). Rendered by the
// plain-text renderer and by the Ink component alike, so both always say the same thing.
import {effectiveCoresBasis} from '../model/cpu.js'
import type {Limit} from '../model/limit.js'
import type {OwnsReport} from '../report/owns.js'
import * as f from './format.js'

export type Tone = 'normal' | 'good' | 'warn' | 'bad' | 'dim'
export type Row = {label: string; value: string; source?: string | null; note?: string; tone?: Tone}
/** "table": label and value side by side; "stacked": label on its own line, value and note below it. */
export type Section = {title: string; rows: Row[]; layout?: 'table' | 'stacked'}

function limitRow(label: string, l: Limit, unit: (n: number) => string): Row {
  if (l.state === 'unknown') return {label, value: 'unknown', source: l.source, note: l.reason, tone: 'warn'}
  const note = l.notes?.join('; ')
  return {
    label,
    value: f.limit(l, unit),
    source: l.source,
    ...(note ? {note} : {}),
    tone: l.state === 'limited' ? 'good' : 'normal',
  }
}

/** The directory of the controller's cgroup, so rows can name files relative to it instead of repeating it. */
function dirOf(r: OwnsReport, controller: string): string | null {
  const v1 = r.cgroup.hierarchies.find((h) => h.version === 'v1' && h.controllers.includes(controller))
  return (v1 ?? r.cgroup.hierarchies.find((h) => h.version === 'v2'))?.dir ?? null
}

/** Rows whose source lies in `dir` show "./file"; the section's first row says what "." is. */
function relativeTo(dir: string | null, rows: Row[]): Row[] {
  if (!dir) return rows
  const strip = (s: string) => s.split(dir + '/').join('./')
  const out = rows.map((row) => (row.source ? {...row, source: strip(row.source)} : row))
  return [{label: 'cgroup dir', value: dir, tone: 'dim'}, ...out]
}

export function ownsSections(r: OwnsReport): Section[] {
  const c = r.cpu
  const m = r.memory
  const cgroup: Section = {
    title: 'cgroup',
    rows: [
      {label: 'version', value: r.cgroup.version},
      {label: 'path', value: r.cgroup.path ?? 'unknown'},
      {label: 'namespace', value: r.cgroup.namespace, note: r.cgroup.namespaceEvidence},
      ...r.cgroup.notes.map((n) => ({label: 'note', value: n, tone: 'warn' as Tone})),
    ],
  }
  const rw = c.relativeWeight
  // Each formula rounds, so a weight comes from a run of shares: show the run, not one value of it.
  const range = (r: {min: number; max: number}) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)
  const weightRow: Row | null = rw
    ? rw.from === 'cpu.shares'
      ? {
          label: 'cpu.shares',
          value: String(rw.shares),
          note: `as v2 cpu.weight: ${rw.weightLogQuadratic} (2025 runtimes) or ${rw.weightLinear} (older linear formula)`,
        }
      : {
          label: 'cpu.weight',
          value: String(rw.weight),
          note: `as v1 cpu.shares: ${range(rw.sharesRangeLogQuadratic)} (2025 runtimes) or ${range(rw.sharesRangeLinear)} (older linear formula)`,
        }
    : null
  const t = c.throttling
  const cpu: Section = {
    title: 'CPU',
    rows: relativeTo(dirOf(r, 'cpu'), [
      {
        ...limitRow('limit', c.limit, f.cores),
        ...(c.quotaUs !== null ? {note: `quota ${c.quotaUs} us per ${c.periodUs} us period`} : {}),
      },
      {label: 'effective cores', value: f.cores(c.effectiveCores), note: effectiveCoresBasis(c), tone: 'good'},
      {
        label: 'cpuset',
        value: c.cpuset ? `${f.cpuList(c.cpuset)} (${c.cpuset.length})` : 'not restricted/unknown',
        source: c.cpusetSource,
      },
      {
        label: 'online CPUs (nproc)',
        value: f.count(c.hostCpus),
        source: c.hostCpusSource,
        note: 'host-wide unless virtualized',
      },
      ...(weightRow ? [weightRow] : []),
      ...(c.burstUs ? [{label: 'burst', value: `${c.burstUs} us`}] : []),
      {label: 'usage', value: f.seconds(c.usageSeconds), source: c.usageSource},
      t
        ? {
            label: 'throttled',
            value: `${t.throttledPeriods} of ${t.periods} periods, ${f.seconds(t.throttledSeconds)}`,
            source: t.source,
            tone: t.throttledPeriods > 0 ? 'warn' : 'normal',
          }
        : {label: 'throttled', value: 'unknown', tone: 'dim'},
    ]),
  }
  const memory: Section = {
    title: 'memory',
    rows: relativeTo(dirOf(r, 'memory'), [
      limitRow('limit', m.limit, f.bytes),
      ...(m.high ? [limitRow('memory.high', m.high, f.bytes)] : []),
      ...(m.softLimit ? [limitRow('soft limit', m.softLimit, f.bytes)] : []),
      limitRow('swap limit', m.swapLimit, f.bytes),
      {label: 'usage', value: f.bytes(m.usageBytes), source: m.sources.usageBytes},
      {
        label: 'working set',
        value: f.bytes(m.workingSetBytes),
        source: m.sources.workingSetBytes,
        note:
          m.limit.state === 'limited' && m.workingSetBytes !== null
            ? `${f.percent(m.workingSetBytes, m.limit.value)} of the limit`
            : undefined,
      },
      {label: 'OOM kills', value: f.count(m.oomKills), source: m.sources.oomKills, tone: m.oomKills ? 'bad' : 'normal'},
      ...(m.failcnt !== null ? [{label: 'failcnt', value: String(m.failcnt), source: m.sources.failcnt}] : []),
    ]),
  }
  const pids: Section = {
    title: 'PIDs',
    rows: relativeTo(dirOf(r, 'pids'), [
      limitRow('limit', r.pids.limit, f.count),
      {label: 'current', value: f.count(r.pids.current), source: r.pids.currentSource},
    ]),
  }
  const psi = (label: string, p: OwnsReport['pressure']['cpu']): Row =>
    p.state === 'available'
      ? {
          label,
          value: `some avg10 ${p.some ? p.some.avg10 : '-'}%${p.full ? `, full avg10 ${p.full.avg10}%` : ''}`,
          source: p.source,
        }
      : {label, value: 'unavailable', note: p.reason, tone: 'dim'}
  const pressure: Section = {
    title: 'pressure (own cgroup)',
    rows: [psi('cpu', r.pressure.cpu), psi('memory', r.pressure.memory), psi('io', r.pressure.io)],
  }
  const io: Section = {
    title: 'I/O',
    rows:
      r.io.limits && r.io.limits.length > 0
        ? r.io.limits.map((l) => ({
            label: `device ${l.device}`,
            value:
              [
                l.readBps !== null && `read ${f.bytes(l.readBps)}/s`,
                l.writeBps !== null && `write ${f.bytes(l.writeBps)}/s`,
                l.readIops !== null && `${l.readIops} read IOPS`,
                l.writeIops !== null && `${l.writeIops} write IOPS`,
              ]
                .filter(Boolean)
                .join(', ') || 'no limit',
            source: l.sources.join(', '),
          }))
        : [
            {
              label: 'limits',
              value: r.io.limits ? 'none set' : 'unknown',
              source: r.io.limitsSource,
              note: r.debug.unknown['io.limits']?.reason,
            },
          ],
  }
  return [cgroup, cpu, memory, pids, io, pressure]
}
