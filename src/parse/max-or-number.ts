// Single-value limit files: v2 memory.max, memory.high, memory.swap.max, pids.max ("max" or a number),
// v1 pids.max (same), v1 memory.limit_in_bytes (a number; "unlimited" is a huge page-rounded value,
// decided by the model, not here). Documentation/admin-guide/cgroup-v2.rst, "Format".
import {fail, ok, quote, type Parsed} from './result.js'
import {parseU64} from './u64.js'

export type MaxOrNumber = {max: true} | {max: false; value: bigint}

export function parseMaxOrNumber(text: string): Parsed<MaxOrNumber> {
  const s = text.trim()
  if (s === 'max') return ok({max: true})
  const v = parseU64(s)
  if (!v.ok) return fail(`expected "max" or a number, got ${quote(s)}`)
  return ok({max: false, value: v.value})
}
