// Text from outside (a sysroot tree, an HTTP peer) made safe to show: control characters escaped, so a file
// or a response cannot move the cursor, set the terminal title or hide text (issue 13 item 7), and length
// bounded, so one field cannot flood the screen or the JSON.

/** Longest field of outside text we print (a hostname is at most 64 bytes; a path, 4096). */
export const MAX_FIELD_CHARS = 4096

// C0 controls but tab and newline, DEL, C1 controls (0x80-0x9f: 0x9b is a one-byte CSI), and the Unicode
// bidi overrides and isolates, which can reorder what a reader sees.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

const escapeChar = (c: string): string => {
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** Control characters as visible \xNN escapes; tab and newline stay. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, escapeChar)
}

/** At most max characters; longer text is cut and says how much was dropped. */
export function capLength(s: string, max = MAX_FIELD_CHARS): string {
  if (s.length <= max) return s
  return `${s.slice(0, max)}… (${s.length - max} more characters)`
}

/** One line of outside text: controls escaped, newlines and tabs as spaces, bounded. */
export function oneLine(s: string, max = 200): string {
  return capLength(
    escapeControls(s)
      .replace(/[\t\n]+/g, ' ')
      .trim(),
    max,
  )
}

/**
 * Every string in a plain structure (objects, arrays) passed through fn; other values as they are. For
 * output only: the report a renderer or JSON gets, never the data the model computes with.
 */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T
  if (Array.isArray(value)) return (value as unknown[]).map((v) => mapStrings(v, fn)) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn)
    return out as T
  }
  return value
}

/** For a terminal: control characters escaped and every field bounded. */
export const forTerminal = <T>(value: T): T => mapStrings(value, (s) => capLength(escapeControls(s)))

/** Whether any string that mapStrings would pass to fn is longer than max: a walk that builds nothing. */
function hasLongString(value: unknown, max: number): boolean {
  if (typeof value === 'string') return value.length > max
  if (Array.isArray(value)) return (value as unknown[]).some((v) => hasLongString(v, max))
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const k in value)
      if (Object.hasOwn(value, k) && hasLongString((value as Record<string, unknown>)[k], max)) return true
  }
  return false
}

/**
 * For JSON (which escapes control characters itself): every field bounded. A report whose fields are all
 * short (every live one) is returned as it is: a copy would print the same JSON, and cost a run's whole
 * report rebuilt.
 */
export const forJson = <T>(value: T): T =>
  hasLongString(value, MAX_FIELD_CHARS) ? mapStrings(value, (s) => capLength(s)) : value

/**
 * The `--json` text of a result, indented by two: JSON.stringify(forJson(value), null, 2), made without
 * forJson's walk where the text itself shows that no field is long. JSON.stringify writes every string on
 * one line (it escapes newlines), never shorter than the string, so when no line of the text is longer than
 * MAX_FIELD_CHARS, no string that forJson visits (plain objects and arrays, each printed) is either, and
 * forJson would return the value as it is. The walk, over every value of a report, was about 4% of a
 * JSON run's command phase (callgrind); a search for newlines in the text is native code.
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2)
  return hasLongLine(text, MAX_FIELD_CHARS) ? JSON.stringify(forJson(value), null, 2) : text
}

/**
 * Whether a line of `text` is longer than `max`, in strides of `max`: a line starting at `start` is longer
 * exactly when no newline lies in the `max + 1` characters from it; else every line up to the last newline
 * there is short, and the next one starts after it. A report's ~10 kB take three steps, not one per line.
 * (Exported for its test.)
 */
export function hasLongLine(text: string | undefined, max: number): boolean {
  if (text === undefined) return false
  for (let start = 0; text.length - start > max;) {
    const newline = text.lastIndexOf('\n', start + max)
    if (newline < start) return true
    start = newline + 1
  }
  return false
}
