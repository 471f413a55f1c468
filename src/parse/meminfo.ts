// /proc/meminfo, Documentation/filesystems/proc.rst §1.2 "meminfo":
//   MemTotal:       16344972 kB
//   HugePages_Total:       0
// Values with "kB" are KiB (the kernel's "kB" means 1024 bytes); others are counts. Values are in bytes here.
import {fail, ok, quote, type Parsed} from './result.js'
import {u64OfDigits} from './u64.js'

export type Meminfo = Map<string, bigint>

/**
 * A line as it is, blanks at either end included: the lines /^NAME:\s+(\d+)(?:\s+(kB))?$/ takes once trimmed
 * (trim strips exactly \s: parse/scan.ts), with no trim, and of the digits it matched the u64 range check
 * alone (u64OfDigits). A one-shot run does each line's work in the interpreter (~55 lines): owns --json,
 * callgrind, run phase (Node 24, no GC), 10.39 to 10.30 M. The test holds it to the trimmed-line parser.
 */
const LINE = /^\s*([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?\s*$/

export function parseMeminfo(text: string): Parsed<Meminfo> {
  const out: Meminfo = new Map()
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw)
    if (!m) {
      const line = raw.trim()
      if (line === '') continue
      return fail(`not a meminfo line: ${quote(line)}`)
    }
    const v = u64OfDigits(m[2]!)
    if (!v.ok) return fail(v.reason)
    out.set(m[1]!, m[3] ? v.value * 1024n : v.value)
  }
  if (!out.has('MemTotal')) return fail('no MemTotal line')
  return ok(out)
}
