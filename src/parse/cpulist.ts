// CPU lists, as in /sys/devices/system/cpu/online, cpuset.cpus, cpuset.effective_cpus (v1) and
// cpuset.cpus.effective (v2). Format: Documentation/admin-guide/cputopology.rst and cgroup-v1/cpusets.rst,
// "0-3,6,8-9". An empty list (a cpuset with no CPUs yet) is valid and means no CPUs.
import {fail, ok, quote, type Parsed} from './result.js'
import {digitsEnd} from './scan.js'

const MAX_CPUS = 1 << 16 // guards against "0-4294967295" building a huge array

/** `/^(\d+)(?:-(\d+))?$/.exec(p)`: its low and high numbers (the same for one CPU), or null. */
function cpuRange(p: string): [number, number] | null {
  const a = digitsEnd(p, 0)
  if (a === 0) return null
  const lo = Number(p.slice(0, a))
  if (a === p.length) return [lo, lo]
  if (p.charCodeAt(a) !== 45) return null
  const b = digitsEnd(p, a + 1)
  return b > a + 1 && b === p.length ? [lo, Number(p.slice(a + 1))] : null
}

export function parseCpuList(text: string): Parsed<number[]> {
  const s = text.trim()
  if (s === '') return ok([])
  const cpus = new Set<number>()
  for (const part of s.split(',')) {
    const m = cpuRange(part.trim())
    if (!m) return fail(`bad cpu list element ${quote(part)} in ${quote(s)}`)
    const [lo, hi] = m
    if (hi < lo) return fail(`descending range ${quote(part)}`)
    if (hi >= MAX_CPUS) return fail(`cpu number out of range in ${quote(part)}`)
    for (let c = lo; c <= hi; c++) cpus.add(c)
  }
  return ok([...cpus].sort((a, b) => a - b))
}
