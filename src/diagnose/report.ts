// The `diagnose` result (its --json contract) and its human screen as Sections, so the plain-text and Ink
// renderers say the same thing.
import type {Row, Section, Tone} from '../render/owns-view.js'
import * as f from '../render/format.js'
import {MAX_PIDS, sampleDeltas, type Delta, type Deltas} from './sample.js'
import {diagnose, useSummary, type Use, type Verdict} from './verdict.js'

export type Diagnosis = {
  interval: number
  root: string
  deltas: Deltas
  verdict: Pick<Verdict, 'id' | 'title' | 'evidence' | 'advice' | 'path' | 'notes'>
  use: Use
}

export const INTERVAL_MIN = 0.2
export const INTERVAL_MAX = 60

/** The --interval value in seconds, or a one-line message saying what is accepted. */
export function parseInterval(text: string): {ok: true; seconds: number} | {ok: false; message: string} {
  // Plain decimal seconds only: Number() would also take "0x1", "1e1", " 2 " and "Infinity".
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  if (!Number.isFinite(n) || n < INTERVAL_MIN || n > INTERVAL_MAX) {
    return {
      ok: false,
      message: `--interval ${text}: expected seconds between ${INTERVAL_MIN} and ${INTERVAL_MAX} (e.g. --interval 2)`,
    }
  }
  return {ok: true, seconds: n}
}

export async function runDiagnosis(root: string, interval: number): Promise<Diagnosis> {
  const deltas = await sampleDeltas(root, interval)
  return fromDeltas(root, interval, deltas)
}

export function fromDeltas(root: string, interval: number, deltas: Deltas): Diagnosis {
  const v = diagnose(deltas)
  return {
    interval,
    root,
    deltas,
    verdict: {id: v.id, title: v.title, evidence: v.evidence, advice: v.advice, path: v.path, notes: v.notes},
    use: useSummary(deltas),
  }
}

const num = (n: number | null, digits = 3) => (n === null ? 'unknown' : f.trim(n, digits))
const share = (n: number | null) => (n === null ? 'unknown' : `${f.trim(100 * n, 1)}%`)

function deltaRow(label: string, d: Delta, unit: string, digits = 3): Row {
  if (d.delta === null) return {label, value: 'unknown', note: d.reason, source: d.source, tone: 'dim'}
  return {label, value: `+${num(d.delta, digits)}${unit} (${num(d.perSecond, digits)}${unit}/s)`, source: d.source}
}

const VERDICT_TONE: Record<Verdict['id'], Tone> = {
  'cap-throttled': 'bad',
  'share-throttled': 'warn',
  'physical-cpu-throttled': 'warn',
  'not-throttled-dig-further': 'normal',
  'not-throttled': 'good',
  unknown: 'dim',
}

export function diagnosisSections(x: Diagnosis): Section[] {
  const v = x.verdict
  const d = x.deltas
  const e = v.evidence
  const verdict: Section = {
    title: `verdict over ${num(d.elapsedSeconds, 2)} s`,
    layout: 'stacked',
    rows: [
      {label: `${v.id}: ${v.title}`, value: v.advice, tone: VERDICT_TONE[v.id]},
      ...v.notes.map((n) => ({label: 'note', value: n, tone: 'warn' as Tone})),
    ],
  }
  const path: Section = {
    title: 'decision path (LISA17 CPU differential diagnosis)',
    rows: v.path.map((s) => ({
      label: s.answer,
      value: s.question,
      note: s.detail,
      tone: s.answer === 'unknown' ? 'dim' : 'normal',
    })),
  }
  const sw = d.nonvoluntarySwitches
  const deltas: Section = {
    title: 'deltas',
    rows: [
      deltaRow('throttled time', d.throttling.throttledSeconds, ' s'),
      deltaRow('throttled periods', d.throttling.throttledPeriods, '', 1),
      deltaRow('periods', d.throttling.periods, '', 1),
      deltaRow('CPU usage', d.cpuUsageSeconds, ' s'),
      {
        ...deltaRow('nonvol. switches', sw, '', 1),
        note:
          sw.delta === null
            ? sw.reason
            : `${sw.pids} processes in both snapshots${sw.gone ? `, ${sw.gone} gone` : ''}${sw.appeared ? `, ${sw.appeared} new` : ''}${
                sw.notRead || sw.notReadAtLeast
                  ? `; only the first ${MAX_PIDS} listed were read, ${sw.notRead}${sw.notReadAtLeast ? ' or more' : ''} not`
                  : ''
              }`,
      },
      deltaRow('host busy', d.host.busySeconds, ' s'),
      deltaRow('host idle', d.host.idleSeconds, ' s'),
      deltaRow('host steal', d.host.stealSeconds, ' s'),
      deltaRow('cpu.pressure some', d.cpuPressureSomeSeconds, ' s'),
    ],
  }
  const u = x.use
  const use: Section = {
    title: 'USE (utilization, saturation, errors)',
    rows: [
      {label: 'CPU utilization', value: share(u.cpu.utilization), note: u.cpu.utilizationBasis},
      {
        label: 'CPU saturation',
        value: `throttled in ${share(u.cpu.saturation.throttledRatio)} of periods, ${num(u.cpu.saturation.throttledSecondsPerSecond)} s/s; cpu pressure ${share(u.cpu.saturation.pressureSomeShare)}`,
      },
      {label: 'CPU errors', value: 'none counted', note: u.cpu.errors.note, tone: 'dim'},
      {label: 'memory utilization', value: share(u.memory.utilization), note: u.memory.utilizationBasis},
      {
        label: 'memory saturation',
        value: `pressure ${share(u.memory.saturation.pressureSomeShare)}; failcnt +${num(u.memory.saturation.failcntDelta, 0)}`,
      },
      {
        label: 'memory errors',
        value: `OOM kills +${num(u.memory.errors.oomKillsDelta, 0)}`,
        tone: (u.memory.errors.oomKillsDelta ?? 0) > 0 ? 'bad' : 'normal',
      },
    ],
  }
  const evidence: Section = {
    title: 'evidence (per second)',
    rows: [
      {
        label: 'own usage',
        value: f.cores(e.ownUsageCores),
        note: e.limitCores === null ? 'no CPU quota' : `quota ${f.cores(e.limitCores)}`,
      },
      {
        label: 'host busy',
        value: f.cores(e.hostBusyCores),
        note: `of ${num(e.hostCpus, 0)} CPUs; others ${f.cores(e.otherTenantsCores)}`,
      },
      {label: 'host idle', value: f.cores(e.hostIdleCores)},
    ],
  }
  return [verdict, path, evidence, deltas, use]
}
