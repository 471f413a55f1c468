// Flat keyed files: "key value" per line. cpu.stat, memory.stat, memory.events, cpuacct.stat,
// memory.oom_control, pids.events. Documentation/admin-guide/cgroup-v2.rst, "Format": "Flat keyed".
//   nr_periods 52
//   throttled_usec 1234
// Unknown keys are kept (callers ignore what they do not know); values stay BigInt-exact.
import {fail, ok, quote, type Parsed} from './result.js'
import {parseU64} from './u64.js'

export type FlatKeyed = Map<string, bigint>

export function parseFlatKeyed(text: string): Parsed<FlatKeyed> {
  const out: FlatKeyed = new Map()
  const lines = text.split('\n')
  for (const raw of lines) {
    const line = raw.trim()
    if (line === '') continue
    const m = /^(\S+)\s+(\S+)$/.exec(line)
    if (!m) return fail(`not a "key value" line: ${quote(line)}`)
    const v = parseU64(m[2]!)
    if (!v.ok) return fail(`key ${m[1]}: ${v.reason}`)
    out.set(m[1]!, v.value)
  }
  if (out.size === 0) return fail('empty file')
  return ok(out)
}
