// The one place that decides what a read gave, and words why it gave no value.
//
// Every value guestview reports comes from a file under the sysroot, and is a Field: a value, "unlimited",
// or one of four kinds of "no value", each carrying the guest path it was for and a reason:
//   value       - the file (or the line of it) was read and parsed.
//   unlimited   - the kernel's own "no limit" ("max", -1, LONG_MAX rounded to the page), or a limit that
//                 cannot bind; the reason, when there is one, says why it is called unlimited.
//   absent      - the kernel or runtime does not offer it here: no such file (ENOENT, ENOTDIR), no such
//                 line in a file that exists (a kernel before the line was added), no such controller.
//                 A fact to report ("this kernel has no PSI"), not a failure.
//   unsupported - it is there in principle, but this kernel or layout will not give it: EOPNOTSUPP (PSI
//                 compiled in but disabled), ENODEV, a cgroup whose directory is not below its mount.
//   denied      - it exists and we may not read it (EACCES, EPERM): a guest-access limit worth saying.
//   malformed   - it is there but what came back is not the documented content: text outside the format
//                 (the parser's reason says what), or a read that failed midway (EIO, ENOTCONN from a dead
//                 FUSE mount, EISDIR...) or never ended (a FUSE or NFS server that does not answer: timed out,
//                 timebox.ts). Broken: a problem to report.
// Readers above this module never re-decide these: they consume the kind, and take the reason as worded here.

import type {LineProblem} from '../parse/result.js'

export type UnknownKind = 'absent' | 'unsupported' | 'denied' | 'malformed'
export type FieldKind = 'value' | 'unlimited' | UnknownKind

/**
 * `problems`: lines of the file that could not be read although the rest was (parse/result.ts LineProblem).
 * The value holds the good lines; a key asked for that sat on a bad line is malformed (keyOf).
 */
export type Value<T> = {kind: 'value'; value: T; path: string; problems?: LineProblem[]}
export type Unlimited = {kind: 'unlimited'; path: string; reason?: string}
/** No value, and why. `path` is null only where no file stands behind it (a controller that is not mounted). */
export type Unread = {kind: UnknownKind; path: string | null; reason: string}
export type Field<T> = Value<T> | Unlimited | Unread
/** What a read gives before any limit semantics: a value, or why not (never "unlimited"). */
export type Read<T> = Value<T> | Unread
/** What a plain file read gives: its text, or why not. */
export type FileRead = Read<string>

export const value = <T>(v: T, path: string, problems?: LineProblem[]): Value<T> =>
  problems !== undefined && problems.length > 0
    ? {kind: 'value', value: v, path, problems}
    : {kind: 'value', value: v, path}

export const unlimited = (path: string, reason?: string): Unlimited =>
  reason === undefined ? {kind: 'unlimited', path} : {kind: 'unlimited', path, reason}

/** `hint` says what the absence means here ("swap accounting is off"), in the reader's words. */
export const absent = (path: string, hint?: string): Unread => ({
  kind: 'absent',
  path,
  reason: `${path} does not exist${hint ? ` (${hint})` : ''}`,
})

/** A flat-keyed file that exists but has no line for `key`. */
export const missingKey = (path: string, key: string, hint?: string): Unread => ({
  kind: 'absent',
  path,
  reason: `${path} has no ${key} line${hint ? ` (${hint})` : ''}`,
})

/** Text that is not the documented format; `what` is the parser's account of the offending input. */
export const malformed = (path: string, what: string): Unread => ({
  kind: 'malformed',
  path,
  reason: `${path}: malformed: ${what}`,
})

/** Something that exists in principle but is not given here; `why` names the version, layout or switch. */
export const unsupported = (path: string | null, why: string): Unread => ({
  kind: 'unsupported',
  path,
  reason: path === null ? why : `${path}: ${why}`,
})

/** No controller or directory to read at all (not mounted, not placed): absent, with no file behind it. */
export const notThere = (why: string): Unread => ({kind: 'absent', path: null, reason: why})

const UNSUPPORTED_CODES = new Set(['EOPNOTSUPP', 'ENOTSUP', 'ENODEV', 'ENXIO', 'ENOSYS'])

/** The errno of a failed open or read, as a kind. The table is here and nowhere else. */
export function fromErrno(path: string, err: unknown): Unread {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN'
  return fromCode(path, code)
}

export function fromCode(path: string, code: string): Unread {
  if (code === 'ENOENT' || code === 'ENOTDIR') return absent(path)
  if (code === 'EACCES' || code === 'EPERM')
    return {kind: 'denied', path, reason: `${path}: permission denied (${code})`}
  if (UNSUPPORTED_CODES.has(code)) return unsupported(path, `not supported by this kernel (${code})`)
  return {kind: 'malformed', path, reason: `${path}: read failed (${code})`}
}

export const isValue = <T>(f: Field<T>): f is Value<T> => f.kind === 'value'
export const isUnread = <T>(f: Field<T>): f is Unread => f.kind !== 'value' && f.kind !== 'unlimited'

/** The value, or null: for contract numbers whose reason is kept beside them (the report's debug.unknown). */
export const orNull = <T>(f: Field<T>): T | null => (f.kind === 'value' ? f.value : null)

/** Transform a value, keeping the path; every other kind passes through unchanged. */
export function mapField<T, U>(f: Read<T>, fn: (v: T) => U): Read<U>
export function mapField<T, U>(f: Field<T>, fn: (v: T) => U): Field<U>
export function mapField<T, U>(f: Field<T>, fn: (v: T) => U): Field<U> {
  return f.kind === 'value' ? value(fn(f.value), f.path) : f
}

/** Combine two reads made for one value: the first that has no value decides why. */
export function both<A, B, U>(a: Read<A>, b: Read<B>, fn: (a: A, b: B) => U): Read<U> {
  if (a.kind !== 'value') return a
  if (b.kind !== 'value') return b
  return value(fn(a.value, b.value), a.path)
}

/**
 * One line of a flat-keyed file: absent when the file has no such line (the same label on v1 and v2). When
 * the file had lines that could not be read, a missing key is malformed, not absent: its line was the bad
 * one, or may have been.
 */
export function keyOf<V>(f: Read<Map<string, V>>, key: string, hint?: string): Read<V> {
  if (f.kind !== 'value') return f
  const v = f.value.get(key)
  if (v !== undefined) return value(v, f.path)
  const problems = f.problems ?? []
  const own = problems.find((p) => p.key === key)
  if (own) return malformed(f.path, own.reason)
  const unreadable = problems.filter((p) => p.key === null)
  if (unreadable.length > 0)
    return malformed(
      f.path,
      `no ${key} line, and ${unreadable.length} line(s) could not be read: ${unreadable[0]!.reason}`,
    )
  return missingKey(f.path, key, hint)
}

/** The first of several candidate files that exists: used where the kernel offers a file under two names. */
export function firstPresent<T>(reads: (() => Read<T>)[]): Read<T> | null {
  let last: Read<T> | null = null
  for (const read of reads) {
    last = read()
    if (last.kind !== 'absent') return last
  }
  return last
}
