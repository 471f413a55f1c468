// /proc/meminfo, Documentation/filesystems/proc.rst §1.2 "meminfo":
//   MemTotal:       16344972 kB
//   HugePages_Total:       0
// Values with "kB" are KiB (the kernel's "kB" means 1024 bytes); others are counts. Values are in bytes here.
import {fail, ok, quote, type Parsed} from './result.js'
import {parseU64} from './u64.js'

export type Meminfo = Map<string, bigint>

export function parseMeminfo(text: string): Parsed<Meminfo> {
  const out: Meminfo = new Map()
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?$/.exec(line)
    if (!m) return fail(`not a meminfo line: ${quote(line)}`)
    const v = parseU64(m[2]!)
    if (!v.ok) return fail(v.reason)
    out.set(m[1]!, m[3] ? v.value * 1024n : v.value)
  }
  if (!out.has('MemTotal')) return fail('no MemTotal line')
  return ok(out)
}
