// Limits are tagged, never sentinels (the JDK returns -1 for both "unlimited" and "could not read"; we
// don't): limited {value, source} | unlimited {source} | unknown {reason, kind}. A Limit is the contract's
// view of a Field (sysroot/outcome.ts) after the ancestor walk (cgroup/walk.ts): it is derived here, in one
// place, and never re-decided. `kind` on an unknown says which kind of "no value" it was.
import type {HiddenAncestors} from '../cgroup/hidden.js'
import type {Walked} from '../cgroup/walk.js'
import type {Field, UnknownKind} from '../sysroot/outcome.js'

/**
 * `hiddenAncestors`: present where cgroups above the visible top may hold a tighter limit (a private cgroup
 * namespace whose root is not the hierarchy's, or a mount of a subtree): the value is then the tightest of
 * what can be seen, and the caveat says where sight ends (cgroup/hidden.ts).
 */
export type Limit =
  | {state: 'limited'; value: number; source: string; notes?: string[]; hiddenAncestors?: HiddenAncestors}
  | {state: 'unlimited'; value: null; source: string; notes?: string[]; hiddenAncestors?: HiddenAncestors}
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

/** The hidden-ancestors caveat on a limit that was read (an unknown one says why it is unknown instead). */
export function withHiddenAncestors(l: Limit, hidden: HiddenAncestors | null): Limit {
  if (l.state === 'unknown' || hidden === null) return l
  return {...l, hiddenAncestors: hidden}
}
