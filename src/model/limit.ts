// Limits are tagged, never sentinels (the JDK returns -1 for both "unlimited" and "could not read"; we
// don't): limited {value, source} | unlimited {source} | unknown {reason}.
export type Limit =
  | {state: 'limited'; value: number; source: string; notes?: string[]}
  | {state: 'unlimited'; value: null; source: string; notes?: string[]}
  | {state: 'unknown'; value: null; source: string | null; reason: string}

export const limited = (value: number, source: string): Limit => ({state: 'limited', value, source})
export const unlimited = (source: string): Limit => ({state: 'unlimited', value: null, source})
export const unknown = (reason: string, source: string | null = null): Limit => ({
  state: 'unknown',
  value: null,
  source,
  reason,
})

/** One cgroup's own setting for a limit, as read during the ancestor walk. */
export type Level<X = undefined> =
  | {kind: 'limited'; value: number; source: string; dir: string; extra: X}
  | {kind: 'unlimited'; source: string; dir: string; note?: string}
  | {kind: 'none'; dir: string; why: string} // no limit file at this level: controller not enabled, or root
  | {kind: 'unknown'; dir: string; reason: string; source: string}

/**
 * The tightest limit over the levels (leaf first). A leaf tighter than its parent keeps the leaf's limit;
 * on a tie the leaf-most level wins, since that is the one a user would change. A level that could not be
 * read makes a found limit an upper bound (said in notes) and, with no limit found, makes the result unknown.
 */
export function tightest<X>(levels: Level<X>[]): {limit: Limit; from: Extract<Level<X>, {kind: 'limited'}> | null} {
  let best: Extract<Level<X>, {kind: 'limited'}> | null = null
  for (const l of levels) if (l.kind === 'limited' && (best === null || l.value < best.value)) best = l
  const unknowns = levels.filter((l): l is Extract<Level<X>, {kind: 'unknown'}> => l.kind === 'unknown')
  if (best) {
    const limit: Limit = {state: 'limited', value: best.value, source: best.source}
    if (unknowns.length > 0) {
      limit.notes = unknowns.map((u) => `upper bound: could not read ${u.source}: ${u.reason}`)
    }
    return {limit, from: best}
  }
  if (unknowns.length > 0) return {limit: unknown(unknowns[0]!.reason, unknowns[0]!.source), from: null}
  const first = levels[0]
  if (!first) return {limit: unknown('no cgroup directory to read'), from: null}
  const u = levels.find((l): l is Extract<Level<X>, {kind: 'unlimited'}> => l.kind === 'unlimited')
  const lim: Limit = {
    state: 'unlimited',
    value: null,
    source: u ? u.source : `${first.dir} (no limit file at any level)`,
  }
  const notes = levels.flatMap((l) => (l.kind === 'unlimited' && l.note ? [l.note] : []))
  if (notes.length > 0) lim.notes = notes
  return {limit: lim, from: null}
}

/** Add a note to a limit (not to unknown ones, whose reason says it all). */
export function withNote(l: Limit, note: string): Limit {
  if (l.state === 'unknown') return l
  return {...l, notes: [...(l.notes ?? []), note]}
}
