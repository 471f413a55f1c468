// The `owns` screen: what this container owns, section by section, each value with the file it came from.
import {heading, rows, title, type Doc, type Row} from '../doc/blocks.js'
import {list, num, p, path, text, type Unit} from '../doc/tokens.js'
import {effectiveCoresBasis} from '../model/cpu.js'
import type {HiddenAncestors} from '../cgroup/hidden.js'
import type {Limit} from '../model/limit.js'
import type {OwnsReport} from '../report/owns.js'
import {cpuList} from '../units/units.js'
import {limitValue, note, share, sysrootSuffix} from './common.js'

/** The short form of the hidden-ancestors caveat: where sight ends, and why. */
function hiddenNote(h: HiddenAncestors): string {
  const why = h.why === 'private-cgroupns' ? 'private cgroup namespace' : 'the mount shows a subtree'
  return `may be tighter: ancestors above ${h.visibleTop} are hidden (${why})`
}

function limitRow(key: string, l: Limit, unit: Unit): Row {
  if (l.state === 'unknown')
    return {key, value: [text('unknown')], source: l.source, note: note(l.reason), tone: 'warn'}
  return {
    key,
    value: limitValue(l, unit),
    source: l.source,
    note: note([...(l.notes ?? []), ...(l.hiddenAncestors ? [hiddenNote(l.hiddenAncestors)] : [])].join('; ')),
    tone: l.state === 'limited' ? 'good' : 'normal',
  }
}

/** The directory of the controller's cgroup, so rows can name files relative to it instead of repeating it. */
function dirOf(r: OwnsReport, controller: string): string | null {
  const v1 = r.cgroup.hierarchies.find((h) => h.version === 'v1' && h.controllers.includes(controller))
  return (v1 ?? r.cgroup.hierarchies.find((h) => h.version === 'v2'))?.dir ?? null
}

/** Rows whose source lies in `dir` show "./file"; the section's first row says what "." is. */
function relativeTo(dir: string | null, items: Row[]): Row[] {
  if (!dir) return items
  const strip = (s: string) => s.split(dir + '/').join('./')
  const out = items.map((row) => (row.source ? {...row, source: strip(row.source)} : row))
  return [{key: 'cgroup dir', value: [path(dir)], tone: 'dim'}, ...out]
}

function cgroupRows(r: OwnsReport): Row[] {
  return [
    {key: 'version', value: [text(r.cgroup.version)]},
    {key: 'path', value: [text(r.cgroup.path ?? 'unknown')]},
    {key: 'namespace', value: [text(r.cgroup.namespace)], note: note(r.cgroup.namespaceEvidence)},
    ...r.cgroup.notes.map((n): Row => ({key: 'note', value: [text(n)], tone: 'warn'})),
  ]
}

/** Each formula rounds, so a weight comes from a run of shares: the run, not one value of it. */
const sharesRange = (r: {min: number; max: number}) =>
  r.min === r.max ? [num(r.min, 'count')] : [num(r.min, 'count'), text('-'), num(r.max, 'count')]

function cpuRows(r: OwnsReport): Row[] {
  const c = r.cpu
  const rw = c.relativeWeight
  const weight: Row[] = !rw
    ? []
    : rw.from === 'cpu.shares'
      ? [
          {
            key: 'cpu.shares',
            value: [num(rw.shares, 'count')],
            note: p`as v2 cpu.weight: ${num(rw.weightLogQuadratic, 'count')} (2025 runtimes) or ${num(rw.weightLinear, 'count')} (older linear formula)`,
          },
        ]
      : [
          {
            key: 'cpu.weight',
            value: [num(rw.weight, 'count')],
            note: p`as v1 cpu.shares: ${sharesRange(rw.sharesRangeLogQuadratic)} (2025 runtimes) or ${sharesRange(rw.sharesRangeLinear)} (older linear formula)`,
          },
        ]
  const t = c.throttling
  return relativeTo(dirOf(r, 'cpu'), [
    {
      ...limitRow('limit', c.limit, 'cores'),
      ...(c.quotaUs !== null
        ? {
            note: p`quota ${num(c.quotaUs, 'count')} us per ${num(c.periodUs, 'count')} us period${c.limit.state !== 'unknown' && c.limit.hiddenAncestors ? `; ${hiddenNote(c.limit.hiddenAncestors)}` : ''}`,
          }
        : {}),
    },
    {
      key: 'effective cores',
      value: [num(c.effectiveCores, 'cores')],
      note: note(effectiveCoresBasis(c)),
      tone: c.effectiveCores === null ? 'warn' : 'good',
    },
    {
      key: 'cpuset',
      value: c.cpuset ? p`${cpuList(c.cpuset)} (${num(c.cpuset.length, 'count')})` : [text('not restricted/unknown')],
      source: c.cpusetSource,
    },
    {
      key: 'online CPUs (nproc)',
      value: [num(c.hostCpus, 'count')],
      source: c.hostCpusSource,
      note: [text('host-wide unless virtualized')],
    },
    ...weight,
    ...(c.burstUs ? [{key: 'burst', value: p`${num(c.burstUs, 'count')} us`}] : []),
    {key: 'usage', value: [num(c.usageSeconds, 'seconds')], source: c.usageSource},
    t
      ? {
          key: 'throttled',
          value: p`${num(t.throttledPeriods, 'count')} of ${num(t.periods, 'count')} periods, ${num(t.throttledSeconds, 'seconds')}`,
          source: t.source,
          tone: t.throttledPeriods > 0 ? 'warn' : 'normal',
        }
      : {key: 'throttled', value: [text('unknown')], tone: 'dim'},
  ])
}

function memoryRows(r: OwnsReport): Row[] {
  const m = r.memory
  return relativeTo(dirOf(r, 'memory'), [
    limitRow('limit', m.limit, 'bytes'),
    ...(m.high ? [limitRow('memory.high', m.high, 'bytes')] : []),
    ...(m.softLimit ? [limitRow('soft limit', m.softLimit, 'bytes')] : []),
    limitRow('swap limit', m.swapLimit, 'bytes'),
    {key: 'usage', value: [num(m.usageBytes, 'bytes')], source: m.sources.usageBytes},
    {
      key: 'working set',
      value: [num(m.workingSetBytes, 'bytes')],
      source: m.sources.workingSetBytes,
      note:
        m.limit.state === 'limited' && m.workingSetBytes !== null
          ? p`${share(m.workingSetBytes, m.limit.value)} of the limit`
          : undefined,
    },
    {
      key: 'OOM kills',
      value: [num(m.oomKills, 'count')],
      source: m.sources.oomKills,
      tone: m.oomKills ? 'bad' : 'normal',
    },
    ...(m.failcnt !== null ? [{key: 'failcnt', value: [num(m.failcnt, 'count')], source: m.sources.failcnt}] : []),
  ])
}

function pressureRow(key: string, psi: OwnsReport['pressure']['cpu']): Row {
  if (psi.state !== 'available') return {key, value: [text('unavailable')], note: note(psi.reason), tone: 'dim'}
  // PSI averages are the kernel's own percentages with two decimals: printed as they are.
  return {
    key,
    value: p`some avg10 ${psi.some ? num(psi.some.avg10) : '-'}%${psi.full ? p`, full avg10 ${num(psi.full.avg10)}%` : ''}`,
    source: psi.source,
  }
}

function ioRows(r: OwnsReport): Row[] {
  if (!r.io.limits || r.io.limits.length === 0)
    return [
      {
        key: 'limits',
        value: [text(r.io.limits ? 'none set' : 'unknown')],
        source: r.io.limitsSource,
        note: note(r.debug.unknown['io.limits']?.reason),
      },
    ]
  return r.io.limits.map((l): Row => {
    const parts = [
      ...(l.readBps !== null ? [p`read ${num(l.readBps, 'bytesPerSecond')}`] : []),
      ...(l.writeBps !== null ? [p`write ${num(l.writeBps, 'bytesPerSecond')}`] : []),
      ...(l.readIops !== null ? [p`${num(l.readIops, 'count')} read IOPS`] : []),
      ...(l.writeIops !== null ? [p`${num(l.writeIops, 'count')} write IOPS`] : []),
    ]
    return {
      key: `device ${l.device}`,
      value: parts.length > 0 ? [list(parts)] : [text('no limit')],
      source: l.sources.join(', '),
    }
  })
}

export function ownsDoc(r: OwnsReport): Doc {
  return [
    title(`guestview owns: what this container owns${sysrootSuffix(r.root)}`),
    heading('cgroup'),
    rows('fit', cgroupRows(r)),
    heading('CPU'),
    rows('fit', cpuRows(r)),
    heading('memory'),
    rows('fit', memoryRows(r)),
    heading('PIDs'),
    rows('fit', [
      ...relativeTo(dirOf(r, 'pids'), [
        limitRow('limit', r.pids.limit, 'count'),
        {key: 'current', value: [num(r.pids.current, 'count')], source: r.pids.currentSource},
      ]),
    ]),
    heading('I/O'),
    rows('fit', ioRows(r)),
    heading('pressure (own cgroup)'),
    rows('fit', [
      pressureRow('cpu', r.pressure.cpu),
      pressureRow('memory', r.pressure.memory),
      pressureRow('io', r.pressure.io),
    ]),
  ]
}
