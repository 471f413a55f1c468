// Read one file and parse it: the single path from "bytes under the sysroot" to "a value or a reason".
// Every reason names the guest path, so a user can go and look at the file themselves.
import type {Parsed} from '../parse/result.js'
import {describeMissing, type Missing} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type Got<T> =
  | {ok: true; value: T; source: string}
  | {ok: false; source: string; reason: string; missing: Missing['kind'] | 'malformed'}

export function readParsed<T>(sys: Sysroot, path: string, parse: (text: string) => Parsed<T>): Got<T> {
  const r = sys.read(path)
  if (!r.ok) return {ok: false, source: path, reason: describeMissing(r), missing: r.kind}
  const p = parse(r.text)
  if (!p.ok) return {ok: false, source: path, reason: `${path}: malformed: ${p.error}`, missing: 'malformed'}
  return {ok: true, value: p.value, source: path}
}

/** The value, or null when the file could not be had: for optional counters where null is the honest answer. */
export function valueOrNull<T>(g: Got<T>): T | null {
  return g.ok ? g.value : null
}

export function joinGuest(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}
