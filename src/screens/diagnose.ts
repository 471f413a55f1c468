// The `diagnose` screen, built from diagnose's data (src/diagnose/report.ts): the verdict, the path it
// took through the LISA17 CPU differential diagnosis, the evidence as rates, the raw deltas, and USE.
import {heading, rows, title, type Doc, type Row} from '../doc/blocks.js'
import {num, p, text, type Unit} from '../doc/tokens.js'
import type {Diagnosis} from '../diagnose/report.js'
import {MAX_PIDS, type Delta} from '../diagnose/sample.js'
import {seconds} from '../units/units.js'
import {note, sysrootSuffix, targetBlocks, VERDICT_TONE} from './common.js'
import {useRows} from './use.js'

/** "+0.4 s (0.4 s/s)" for a time counter, "+8 (8/s)" for an event counter. */
function deltaRow(key: string, d: Delta, kind: 'time' | 'events'): Row {
  if (d.delta === null) return {key, value: [text('unknown')], note: note(d.reason), source: d.source, tone: 'dim'}
  const [total, rate]: Unit[] = kind === 'time' ? ['seconds', 'secondsPerSecond'] : ['count', 'perSecond']
  return {key, value: p`+${num(d.delta, total)} (${num(d.perSecond, rate)})`, source: d.source}
}

function verdictRows(x: Diagnosis): Row[] {
  const v = x.verdict
  return [
    {key: `${v.id}: ${v.title}`, value: [text(v.advice)], tone: VERDICT_TONE[v.id]},
    ...v.notes.map((n): Row => ({key: 'note', value: [text(n)], tone: 'warn'})),
  ]
}

function evidenceRows(x: Diagnosis): Row[] {
  const e = x.verdict.evidence
  return [
    {
      key: 'own usage',
      value: [num(e.ownUsageCores, 'cores')],
      note: e.limitCores === null ? [text('no CPU quota')] : p`quota ${num(e.limitCores, 'cores')}`,
    },
    {
      key: 'host busy',
      value: [num(e.hostBusyCores, 'cores')],
      note:
        x.deltas.host.notHostWide !== null
          ? note(x.deltas.host.notHostWide)
          : p`of ${num(e.hostCpus, 'count')} CPUs; others ${num(e.otherTenantsCores, 'cores')}`,
    },
    {key: 'host idle', value: [num(e.hostIdleCores, 'cores')]},
  ]
}

function deltaRows(x: Diagnosis): Row[] {
  const d = x.deltas
  const sw = d.nonvoluntarySwitches
  const of = d.host.notHostWide === null ? 'host' : 'lxcfs stat'
  return [
    deltaRow('throttled time', d.throttling.throttledSeconds, 'time'),
    deltaRow('throttled periods', d.throttling.throttledPeriods, 'events'),
    deltaRow('periods', d.throttling.periods, 'events'),
    deltaRow('CPU usage', d.cpuUsageSeconds, 'time'),
    {
      ...deltaRow('nonvol. switches', sw, 'events'),
      note:
        sw.delta === null
          ? note(sw.reason)
          : p`${num(sw.pids, 'count')} processes in both snapshots${sw.gone ? p`, ${num(sw.gone, 'count')} gone` : ''}${sw.appeared ? p`, ${num(sw.appeared, 'count')} new` : ''}${
              sw.notRead || sw.notReadAtLeast
                ? p`; only the first ${num(MAX_PIDS, 'count')} listed were read, ${num(sw.notRead, 'count')}${sw.notReadAtLeast ? ' or more' : ''} not`
                : ''
            }`,
    },
    // Under lxcfs these are the container's own figures, as /proc/stat gave them: not labelled the host's.
    deltaRow(`${of} busy`, d.host.busySeconds, 'time'),
    deltaRow(`${of} idle`, d.host.idleSeconds, 'time'),
    deltaRow(`${of} steal`, d.host.stealSeconds, 'time'),
    deltaRow('cpu.pressure some', d.cpuPressureSomeSeconds, 'time'),
  ]
}

export function diagnoseDoc(x: Diagnosis): Doc {
  return [
    title(
      `guestview diagnose: is the CPU throttled, and by what? (${seconds(x.interval)} interval)${sysrootSuffix(x.root)}`,
    ),
    ...targetBlocks(x.target),
    heading(p`verdict over ${num(x.deltas.elapsedSeconds, 'seconds')}`),
    rows('stacked', verdictRows(x)),
    heading('decision path (LISA17 CPU differential diagnosis)'),
    rows(
      'fit',
      x.verdict.path.map((s): Row => ({
        key: s.answer,
        value: [text(s.question)],
        note: note(s.detail),
        tone: s.answer === 'unknown' ? 'dim' : 'normal',
      })),
    ),
    heading('evidence (per second)'),
    rows('fit', evidenceRows(x)),
    heading('deltas'),
    rows('fit', deltaRows(x)),
    heading('USE (utilization, saturation, errors)'),
    rows('fit', useRows(x.use)),
  ]
}
