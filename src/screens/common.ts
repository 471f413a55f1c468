// Pieces every screen builder uses: a limit as a value, an optional note, the sysroot in a title, the
// process described (`--pid`).
import {para, type Block, type Tone} from '../doc/blocks.js'
import type {Inline, NumberToken, Unit} from '../doc/tokens.js'
import {num, p, path, text} from '../doc/tokens.js'
import type {VerdictId} from '../diagnose/verdict.js'
import type {Limit} from '../model/limit.js'
import type {Target} from '../target/target.js'

/** How each diagnose verdict is toned, in diagnose's screen and in watch's live verdict alike. */
export const VERDICT_TONE: Record<VerdictId, Tone> = {
  'cap-throttled': 'bad',
  'share-throttled': 'warn',
  'physical-cpu-throttled': 'warn',
  'not-throttled-dig-further': 'normal',
  'not-throttled': 'good',
  unknown: 'dim',
}

/** A limit as its value: the number with its unit, or "unlimited" / "unknown" (never confused). */
export function limitValue(l: Limit, unit: Unit): Inline {
  switch (l.state) {
    case 'limited':
      return [num(l.value, unit)]
    case 'unlimited':
      return [text('unlimited')]
    default:
      return [text('unknown')]
  }
}

/** A line of prose from the model (a reason, a basis), or nothing when there is none. */
export const note = (s: string | null | undefined): Inline | undefined => (s ? [text(s)] : undefined)

/** part of whole in percent, unknown when whole is not positive. */
export const share = (part: number | null, whole: number | null): NumberToken =>
  num(part !== null && whole !== null && whole > 0 ? (100 * part) / whole : null, 'percent')

/** " (sysroot DIR)" in a title when the report was not read from "/". */
export const sysrootSuffix = (root: string): string => (root === '/' ? '' : ` (sysroot ${root})`)

/** Whose report it is, for a title: "this container", or "the container of PID 7" with --pid. */
export const whose = (t: Target | null | undefined): string =>
  !t || t.self || t.sameContainer === true ? 'this container' : `the container of PID ${t.pid}`

/** A process as a person knows it: its command line (shortened), else its name. */
export function processLabel(t: Pick<Target, 'comm' | 'cmdline'>): string {
  const s = t.cmdline ?? t.comm ?? 'command unknown'
  return s.length > 60 ? s.slice(0, 59) + '…' : s
}

/**
 * Under the title, with --pid: which process the report describes, and whether it is another container. Our
 * own process gets nothing, so the screens without --pid are unchanged.
 */
export function targetBlocks(t: Target | null | undefined): Block[] {
  if (!t || t.self) return []
  const who = `PID ${t.pid} (${processLabel(t)})`
  if (t.sameContainer === true)
    return [para(p`${who} is in this container (${t.evidence}), so this report is this container's.`)]
  const seen = p`its cgroup, limits and views as that process sees them, read through ${path(`/proc/${t.pid}/root`)}.`
  if (t.sameContainer === false) return [para([...p`${who}, another container: `, ...seen])]
  return [para([...p`${who}; whether it shares this container is unknown (${t.evidence}). Shown: `, ...seen])]
}
