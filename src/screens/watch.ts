// The screens of `guestview watch`, built from one interval's Frame (src/live/frame.ts):
//  - one container: bars for CPU against the limit, memory against the limit and pids against pids.max,
//    the throttled share and rate, PSI avg10, the top processes, the verdict of diagnose and a line of USE
//    per resource; it fits 80x24, because a live screen that scrolls cannot be read;
//  - several containers (--pod): one row per container;
//  - not a terminal: one line per container per interval (watchLine), for logs and pipes.
import {bullets, heading, rows, title, type Doc, type Row} from '../doc/blocks.js'
import {bar, num, p, text, warn, type Inline, type Span} from '../doc/tokens.js'
import {USE_RESOURCES, type UseResource, type UseValue} from '../diagnose/use.js'
import type {ContainerFrame, Frame, PsiNow} from '../live/frame.js'
import type {Limit} from '../model/limit.js'
import {seconds} from '../units/units.js'
import {VERDICT_TONE} from './common.js'
import {USE_LABEL} from './use.js'

export const TOP_PROCESSES = 5

const frac = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole <= 0 ? null : part / whole

type Unit = 'cores' | 'bytes' | 'count'

/** "0.19 of 0.2 cores", "18 MiB (no limit)", "18 MiB of an unknown limit": unlimited is never unknown. */
function ofLimit(value: number | null, limit: Limit, unit: Unit): Span[] {
  if (limit.state === 'limited') return p`${num(value, unit)} of ${num(limit.value, unit)}`
  if (limit.state === 'unlimited') return p`${num(value, unit)} (no limit)`
  return p`${num(value, unit)} of an unknown limit`
}

/**
 * A level against its limit as a bar: full width is the limit; with no limit there is no bar (nothing to
 * fill), except for CPU, whose bar is then against the effective cores; an unknown limit draws "?".
 */
function level(value: number | null, limit: Limit, unit: Unit, extra: Span[] = [], whole: number | null = null) {
  const label = [...ofLimit(value, limit, unit), ...extra]
  if (limit.state === 'limited') return [bar(frac(value, limit.value), label)]
  if (limit.state === 'unlimited') return whole === null ? label : [bar(frac(value, whole), label)]
  return [bar(null, label)]
}

/** A limit in one word for the plain line: "0.2 cores", "unlimited" ("max" for pids), "unknown". */
function limitWord(l: Limit, unit: Unit): Span {
  if (l.state === 'limited') return num(l.value, unit)
  return text(l.state === 'unlimited' ? (unit === 'count' ? 'max' : 'unlimited') : 'unknown')
}

function cpuRow(c: ContainerFrame): Inline {
  return level(c.cpu.usageCores, c.cpu.limit, 'cores', [], c.cpu.effectiveCores)
}

function memoryRow(c: ContainerFrame): Inline {
  const oom = p`; OOM kills since start ${num(c.memory.oomKillsSinceStart, 'count')}`
  return level(c.memory.workingSetBytes, c.memory.limit, 'bytes', oom)
}

function psi(name: string, x: PsiNow): Span[] {
  if ('unavailable' in x) return p`${name} -`
  return p`${name} ${num(x.someAvg10, 'percent')}/${num(x.fullAvg10, 'percent')}`
}

function pressureRow(c: ContainerFrame): Row {
  const pr = c.pressure
  if ('unavailable' in pr.cpu && 'unavailable' in pr.memory && 'unavailable' in pr.io)
    return {key: 'PSI avg10', value: [text('no per-cgroup PSI here')], tone: 'dim'}
  return {
    key: 'PSI avg10',
    value: [...psi('cpu', pr.cpu), text(' · '), ...psi('memory', pr.memory), text(' · '), ...psi('io', pr.io)],
  }
}

const SHORT: Record<string, string> = {
  'usage / effective cores': 'of cores',
  'throttled share of periods': 'throttled',
  'throttled time': 'throttled',
  'cpu pressure (some)': 'psi',
  'working set / limit': 'of limit',
  'memory pressure (some)': 'psi',
  'limit hits (failcnt)': 'failcnt',
  'OOM kills': 'OOM kills',
  'container I/O (read + write)': 'io',
  'busiest device busy (%util)': 'busiest disk',
  'io pressure (some)': 'psi',
  'busiest device queue length': 'disk queue',
  'throughput (rx + tx)': 'rx+tx',
  'dropped packets': 'drops',
  'interface errors': 'errors',
  'pids.current / pids.max': 'of pids.max',
  'forks refused at pids.max': 'forks refused',
}

/** The first value that could be read, else the first: "95.3% of cores", "none". */
function compact(values: UseValue[]): Inline {
  const x = values.find((y) => y.value !== null) ?? values[0]
  if (!x || (x.value === null && x.source === null)) return [text('none')]
  const out: Inline = [num(x.value, x.unit), text(` ${SHORT[x.metric] ?? x.metric}`)]
  if (x.scope === 'host') out.push(text(' '), warn('host'))
  return out
}

function useLine(u: UseResource): Inline {
  return [
    text('U '),
    ...compact(u.utilization),
    text(' · S '),
    ...compact(u.saturation),
    text(' · E '),
    ...compact(u.errors),
  ]
}

function oneContainer(f: Frame, c: ContainerFrame): Doc {
  const tops = c.top.slice(0, TOP_PROCESSES)
  return [
    rows('fit', [
      {key: 'CPU', value: cpuRow(c)},
      {
        key: 'throttled',
        value: p`${num(c.cpu.throttledRatio, 'ratio')} of periods, ${num(c.cpu.throttledSecondsPerSecond, 'secondsPerSecond')}`,
        tone: (c.cpu.throttledRatio ?? 0) > 0 ? 'warn' : 'normal',
      },
      {key: 'memory', value: memoryRow(c), tone: (c.memory.oomKillsSinceStart ?? 0) > 0 ? 'bad' : 'normal'},
      pressureRow(c),
      {key: 'pids', value: level(c.pids.current, c.pids.limit, 'count')},
      {key: 'verdict', value: [text(c.verdict.title)], tone: VERDICT_TONE[c.verdict.id]},
    ]),
    heading(p`top processes by CPU over ${num(f.elapsedSeconds, 'seconds')}`),
    tops.length > 0
      ? bullets(tops.map((t) => p`${num(t.cores, 'cores')}  ${String(t.pid)} ${t.comm}`))
      : bullets([[text('none readable')]]),
    heading('USE: utilization · saturation · errors'),
    rows(
      'fit',
      USE_RESOURCES.map((r): Row => ({key: USE_LABEL[r], value: useLine(c.use[r])})),
    ),
  ]
}

/**
 * Rows the --pod screen shows. A row is two or three lines (the second wraps when limits are unknown or
 * unlimited): 6 rows, the title box (3 lines) and the "more" line fit 80x24.
 */
export const POD_ROWS = 6
/** Widest row name: a long cgroup path keeps its end (the part that tells containers apart). */
const NAME_WIDTH = 20

const shortName = (name: string): string => (name.length > NAME_WIDTH ? '…' + name.slice(-(NAME_WIDTH - 1)) : name)

/**
 * One row per container, two lines each, within 80 columns: CPU against the limit (bar) and the throttled
 * share, then memory, pids and the verdict's id. The busiest containers first; the rest are counted.
 */
function podRows(f: Frame): Row[] {
  const busiest = [...f.containers].sort((a, b) => (b.cpu.usageCores ?? -1) - (a.cpu.usageCores ?? -1))
  const shown = busiest.slice(0, POD_ROWS)
  return shown.map((c): Row => ({
    key: shortName(c.container),
    value: [
      ...level(c.cpu.usageCores, c.cpu.limit, 'cores', [], c.cpu.effectiveCores),
      ...p`, ${num(c.cpu.throttledRatio, 'ratio')} throttled`,
    ],
    note: p`mem ${num(c.memory.workingSetBytes, 'bytes')}/${limitWord(c.memory.limit, 'bytes')} · pids ${num(c.pids.current, 'count')}/${limitWord(c.pids.limit, 'count')} · ${c.verdict.id}`,
    tone: VERDICT_TONE[c.verdict.id],
  }))
}

/** The containers that cannot be read, one line each (they take a row of the budget too). */
function unreadableRows(f: Frame, budget: number): Row[] {
  return (f.unreadable ?? [])
    .slice(0, Math.max(0, budget))
    .map((u): Row => ({key: shortName(u.container), value: [text(`unreadable: ${u.reason}`)], tone: 'dim'}))
}

export type WatchState = {intervalSeconds: number; paused: boolean; root: string}

export function watchDoc(f: Frame, s: WatchState): Doc {
  const sub = s.paused ? 'PAUSED: p resumes, q quits' : 'q quits, p pauses'
  const n = f.containers.length
  const u = f.unreadable?.length ?? 0
  const names = n === 1 && u === 0 ? f.containers[0]!.container : `${n + u} containers`
  const head = title(`guestview watch: ${names}, every ${seconds(s.intervalSeconds)}`, sub)
  if (n === 1 && u === 0) return [head, ...oneContainer(f, f.containers[0]!)]
  const shown = podRows(f)
  const blocked = unreadableRows(f, POD_ROWS - shown.length)
  const hidden = n + u - shown.length - blocked.length
  const more = hidden > 0 ? [bullets([p`${String(hidden)} more, less busy: watch --json lists every container`])] : []
  return [head, rows('fit', [...shown, ...blocked]), ...more]
}

/** The first screen, before the first interval has passed. */
export function waitingDoc(s: WatchState): Doc {
  return [
    title(`guestview watch: every ${seconds(s.intervalSeconds)}`, 'q quits, p pauses'),
    bullets([p`measuring the first ${num(s.intervalSeconds, 'seconds')}...`]),
  ]
}

/** The plain line of a container that cannot be read (off a terminal): time, name, why, as watchLine's. */
export function unreadableLine(f: Frame, u: {container: string; reason: string}): Inline {
  return p`${f.at} ${u.container} unreadable: ${u.reason}`
}

/** One line per container per interval (not a terminal): time, CPU, throttling, memory, pids, verdict. */
export function watchLine(f: Frame, c: ContainerFrame): Inline {
  return p`${f.at} ${c.container} cpu ${num(c.cpu.usageCores, 'cores')}/${limitWord(c.cpu.limit, 'cores')} throttled ${num(c.cpu.throttledRatio, 'ratio')} ${num(c.cpu.throttledSecondsPerSecond, 'secondsPerSecond')} mem ${num(c.memory.workingSetBytes, 'bytes')}/${limitWord(c.memory.limit, 'bytes')} oom +${num(c.memory.oomKillsSinceStart, 'count')} pids ${num(c.pids.current, 'count')}/${limitWord(c.pids.limit, 'count')} ${c.verdict.id}`
}
