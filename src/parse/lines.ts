// The shape of the /proc files that hold one entry per line (diskstats, net/dev, uid_map...): blank lines
// are skipped, each other line is trimmed and read on its own, and the first line that is not the format
// fails the whole file (the line parser's reason quotes it). A parser then says only what one line is.
import {ok, type Parsed} from './result.js'

/** Each non-blank line, trimmed, through `entry`: the entries in order, or the first failure. Null: no entry (a header line). */
export function parseLines<T>(text: string, entry: (line: string) => Parsed<T> | null): Parsed<T[]> {
  const out: T[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const e = entry(line)
    if (e === null) continue
    if (!e.ok) return e
    out.push(e.value)
  }
  return ok(out)
}
