// Flat keyed files: "key value" per line. cpu.stat, memory.stat, memory.events, cpuacct.stat,
// memory.oom_control, pids.events. Documentation/admin-guide/cgroup-v2.rst, "Format": "Flat keyed".
//   nr_periods 52
//   throttled_usec 1234
// Unknown keys are kept (callers ignore what they do not know); values stay BigInt-exact.
// One bad line does not lose the file: the good keys are kept and each bad line is a problem on the file
// (a garbled throttled_usec must not take usage_usec with it). Only a file with no good line at all fails.
import {fail, ok, quote, type LineProblem, type Parsed} from './result.js'
import {parseU64} from './u64.js'

export type FlatKeyed = Map<string, bigint>

export function parseFlatKeyed(text: string): Parsed<FlatKeyed> {
  const out: FlatKeyed = new Map()
  const problems: LineProblem[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const m = /^(\S+)\s+(\S+)$/.exec(line)
    if (!m) {
      problems.push({key: null, reason: `not a "key value" line: ${quote(line)}`})
      continue
    }
    const v = parseU64(m[2]!)
    if (!v.ok) problems.push({key: m[1]!, reason: `key ${m[1]}: ${v.reason}`})
    else out.set(m[1]!, v.value)
  }
  if (out.size === 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more bad lines)` : ''
    return fail(problems.length === 0 ? 'empty file' : `${problems[0]!.reason}${more}`)
  }
  return ok(out, problems)
}
