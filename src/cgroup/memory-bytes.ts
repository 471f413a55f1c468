// A byte limit as read from a memory file, tagged: the kernel's "no limit" sentinels and limits that cannot
// bind are unlimited. Shared by the v1 and v2 memory controllers (the JDK passes the host's memory into
// read_memory_limit_in_bytes(upper_bound) for the same reason).
import {mapField, unlimited, value, type Field} from '../sysroot/outcome.js'
import type {MaxOrNumber} from '../parse/max-or-number.js'

/**
 * v1 memory.limit_in_bytes has no "max": no limit is PAGE_COUNTER_MAX pages, LONG_MAX rounded down to the page
 * (9223372036854771712 on 4K pages, 9223372036854710272 on 64K). Anything this large is the kernel's "no limit".
 */
export const UNLIMITED_FLOOR = 1n << 62n

export type HostMemory = {memTotalBytes: number | null; meminfoVirtualized: boolean}

/** Limits at or above physical memory cannot bind: unlimited, with the reason. */
export function bytesLimit(f: Field<bigint>, host: HostMemory): Field<number> {
  if (f.kind !== 'value') return f
  if (f.value >= UNLIMITED_FLOOR) return unlimited(f.path)
  // With lxcfs, MemTotal *is* the limit, so this comparison would call every limit unlimited: skip it then.
  if (!host.meminfoVirtualized && host.memTotalBytes !== null && Number(f.value) >= host.memTotalBytes) {
    return unlimited(
      f.path,
      `${f.path}: ${f.value} bytes is at or above the host's MemTotal (${host.memTotalBytes}): it cannot bind`,
    )
  }
  return value(Number(f.value), f.path)
}

/** v2 "max"-or-bytes files: "max" is unlimited, a number goes through bytesLimit. */
export function maxOrBytesLimit(f: Field<MaxOrNumber>, host: HostMemory): Field<number> {
  if (f.kind === 'value' && f.value.max) return unlimited(f.path)
  return bytesLimit(
    mapField(f, (v) => (v.max ? 0n : v.value)),
    host,
  )
}

/** No host comparison (swap is not bounded by MemTotal). */
export const NO_HOST: HostMemory = {memTotalBytes: null, meminfoVirtualized: false}
