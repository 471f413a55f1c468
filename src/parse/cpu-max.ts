// v2 cpu.max: "$MAX $PERIOD", where $MAX is "max" or a quota in microseconds.
// Documentation/admin-guide/cgroup-v2.rst, "cpu.max": "max 100000" (unlimited), "150000 100000" (1.5 CPUs).
// A lone "$MAX" is accepted on write by the kernel but it always prints both; we accept both on read,
// a lone "$MAX" with the documented default period (100000), as uber-go/automaxprocs does.
import {fail, ok, quote, type Parsed} from './result.js'
import {parseU64} from './u64.js'

const DEFAULT_PERIOD_US = 100_000n

export type CpuMax = {quotaUs: bigint | null; periodUs: bigint}

export function parseCpuMax(text: string): Parsed<CpuMax> {
  const s = text.trim()
  const parts = s.split(/\s+/)
  if (s === '' || parts.length > 2) return fail(`expected "$MAX $PERIOD", got ${quote(s)}`)
  const period = parts.length === 1 ? ok(DEFAULT_PERIOD_US) : parseU64(parts[1]!)
  if (!period.ok) return fail(`bad period in ${quote(s)}`)
  if (period.value === 0n) return fail(`zero period in ${quote(s)}`)
  if (parts[0] === 'max') return ok({quotaUs: null, periodUs: period.value})
  const quota = parseU64(parts[0]!)
  if (!quota.ok) return fail(`bad quota in ${quote(s)}`)
  return ok({quotaUs: quota.value, periodUs: period.value})
}
