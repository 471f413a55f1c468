// Limits are tagged, never sentinels (the JDK returns -1 for both "unlimited" and "could not read"; we
// don't): limited {value, source} | unlimited {source} | unknown {reason, kind}. A Limit is the contract's
// view of a Field (sysroot/outcome.ts) after the ancestor walk (cgroup/walk.ts): it is derived here, in one
// place, and never re-decided. `kind` on an unknown says which kind of "no value" it was.
import type {Walked} from '../cgroup/walk.js'
import type {Field, UnknownKind} from '../sysroot/outcome.js'

export type Limit =
  | {state: 'limited'; value: number; source: string; notes?: string[]}
  | {state: 'unlimited'; value: null; source: string; notes?: string[]}
  | {state: 'unknown'; value: null; source: string | null; reason: string; kind: UnknownKind}

export const limited = (value: number, source: string): Limit => ({state: 'limited', value, source})
export const unlimited = (source: string): Limit => ({state: 'unlimited', value: null, source})
export const unknown = (reason: string, source: string | null = null, kind: UnknownKind = 'absent'): Limit => ({
  state: 'unknown',
  value: null,
  source,
  reason,
  kind,
})

/** A Field as a Limit, with the walk's caveats as notes (unknowns carry their reason instead). */
export function limitOf<T>(f: Field<T>, size: (v: T) => number, notes: string[] = []): Limit {
  const withNotes = (l: Limit): Limit => (notes.length > 0 && l.state !== 'unknown' ? {...l, notes} : l)
  switch (f.kind) {
    case 'value':
      return withNotes(limited(size(f.value), f.path))
    case 'unlimited':
      return withNotes(unlimited(f.path))
    default:
      return unknown(f.reason, f.path, f.kind)
  }
}

export function walkedLimit<T>(w: Walked<T>, size: (v: T) => number): Limit {
  return limitOf(w.result, size, w.notes)
}

/** Add a note to a limit (not to unknown ones, whose reason says it all). */
export function withNote(l: Limit, note: string): Limit {
  if (l.state === 'unknown') return l
  return {...l, notes: [...(l.notes ?? []), note]}
}
