// Read one file and parse it: the single path from "bytes under the sysroot" to a Field. The read decides
// absent / unsupported / denied / malformed (outcome.ts), the parser only says what is wrong with text.
// Every reason names the guest path, so a user can go and look at the file themselves.
import type {LineProblem, Parsed} from '../parse/result.js'
import {absent, malformed, value, type Read} from './outcome.js'
import type {Sysroot} from './sysroot.js'

// Each read's text parsed once per parser: the Sysroot returns the same outcome for the same file all through
// a snapshot (and one outcome to every view for a file the kernel serves alike to all: kernel-global.ts), so
// /proc/meminfo is parsed once for all the rows of `guestview pod`. Parsed values are shared: readers never
// change them. (Mount tables are also kept by their text across snapshots: parseMountinfo.)
// Nearly every read has one parser: its result is kept beside it, and a Map made only for a second parser.
type Kept = {parse: unknown; parsed: Parsed<unknown>; more?: Map<unknown, Parsed<unknown>>}
const parsedByRead = new WeakMap<object, Kept>()

function parsedOnce<T>(r: object & {value: string}, parse: (text: string) => Parsed<T>): Parsed<T> {
  const kept = parsedByRead.get(r)
  if (!kept) {
    const parsed = parse(r.value)
    parsedByRead.set(r, {parse, parsed})
    return parsed
  }
  if (kept.parse === parse) return kept.parsed as Parsed<T>
  kept.more ??= new Map<unknown, Parsed<unknown>>()
  let p = kept.more.get(parse) as Parsed<T> | undefined
  if (!p) kept.more.set(parse, (p = parse(r.value)))
  return p
}

export type ReadHints = {
  /** What an absent file means here, e.g. "PSI disabled or not built into this kernel". */
  absent?: string
}

export function readField<T>(
  sys: Sysroot,
  path: string,
  parse: (text: string) => Parsed<T>,
  hints?: ReadHints,
): Read<T> {
  const r = sys.read(path)
  if (r.kind === 'absent' && hints?.absent) return absent(r.path ?? path, hints.absent)
  if (r.kind !== 'value') return r
  const p = parsedOnce(r, parse)
  if (!p.ok) return malformed(path, p.reason)
  if (p.problems) noteProblems(sys, path, p.problems)
  return value(p.value, path, p.problems)
}

// Lines that could not be read in files that otherwise were, per snapshot (one Sysroot is one report), for
// the report's debug.problems: the values of the good lines stand, and the bad lines are said.
const problemsBySysroot = new WeakMap<Sysroot, Map<string, Set<string>>>()

export function noteProblems(sys: Sysroot, path: string, problems: LineProblem[]): void {
  let byPath = problemsBySysroot.get(sys)
  if (!byPath) problemsBySysroot.set(sys, (byPath = new Map<string, Set<string>>()))
  let reasons = byPath.get(path)
  if (!reasons) byPath.set(path, (reasons = new Set()))
  for (const p of problems) reasons.add(p.reason)
}

/** Every file read so far in this snapshot that had lines that could not be read, and what was wrong. */
export function fileProblems(sys: Sysroot): {path: string; reason: string}[] {
  const byPath = problemsBySysroot.get(sys)
  if (!byPath) return []
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([path, reasons]) => [...reasons].map((reason) => ({path, reason: `${path}: ${reason}`})))
}

/** A guest path for a file in a directory ("/" stays single). */
export function joinGuest(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}
