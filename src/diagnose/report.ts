// The `diagnose` result: its --json contract, the --interval check, and the run. Its screen is built from
// this data by src/screens/diagnose.ts.
import {Sysroot} from '../sysroot/sysroot.js'
import {readTarget, type Target} from '../target/target.js'
import {sampleDeltas, type Deltas} from './sample.js'
import {useOf, type Use} from './use.js'
import {diagnose, type Verdict} from './verdict.js'

export type Diagnosis = {
  interval: number
  root: string
  /** The process diagnosed (null only where a caller built the diagnosis without one: tests, screens). */
  target: Target | null
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

/** `pid`: the process to diagnose (`--pid`), or null for this one. */
export async function runDiagnosis(root: string, interval: number, pid: number | null = null): Promise<Diagnosis> {
  const target = readTarget(new Sysroot(root, {pid}))
  const deltas = await sampleDeltas(root, interval, undefined, pid)
  return fromDeltas(root, interval, deltas, target)
}

export function fromDeltas(root: string, interval: number, deltas: Deltas, target: Target | null = null): Diagnosis {
  const v = diagnose(deltas)
  return {
    interval,
    root,
    target,
    deltas,
    verdict: {id: v.id, title: v.title, evidence: v.evidence, advice: v.advice, path: v.path, notes: v.notes},
    use: useOf(deltas),
  }
}
