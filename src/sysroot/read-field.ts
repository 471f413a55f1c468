// Read one file and parse it: the single path from "bytes under the sysroot" to a Field. The read decides
// absent / unsupported / denied / malformed (outcome.ts), the parser only says what is wrong with text.
// Every reason names the guest path, so a user can go and look at the file themselves.
import type {Parsed} from '../parse/result.js'
import {absent, malformed, value, type Read} from './outcome.js'
import type {Sysroot} from './sysroot.js'

export type ReadHints = {
  /** What an absent file means here, e.g. "PSI disabled or not built into this kernel". */
  absent?: string
}

export function readField<T>(
  sys: Sysroot,
  path: string,
  parse: (text: string) => Parsed<T>,
  hints: ReadHints = {},
): Read<T> {
  const r = sys.read(path)
  if (r.kind === 'absent' && hints.absent) return absent(r.path ?? path, hints.absent)
  if (r.kind !== 'value') return r
  const p = parse(r.value)
  return p.ok ? value(p.value, path) : malformed(path, p.reason)
}

/** A guest path for a file in a directory ("/" stays single). */
export function joinGuest(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}
