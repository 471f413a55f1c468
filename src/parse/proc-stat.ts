// /proc/stat, Documentation/filesystems/proc.rst §1.7 "Miscellaneous kernel statistics":
//   cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0
//   cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0
//   ctxt 1990473        btime 1062191376        procs_running 2        procs_blocked 0
// CPU times are in USER_HZ ticks (1/100 s on every mainstream arch; sysconf(_SC_CLK_TCK)): user nice
// system idle iowait irq softirq steal guest guest_nice. Older kernels print fewer columns: missing
// ones are 0. Lines we do not use (intr, softirq) are skipped.
import {fail, ok, quote, type Parsed} from './result.js'
import {parseU64} from './u64.js'

export const CPU_FIELDS = [
  'user',
  'nice',
  'system',
  'idle',
  'iowait',
  'irq',
  'softirq',
  'steal',
  'guest',
  'guestNice',
] as const
export type CpuTimes = Record<(typeof CPU_FIELDS)[number], bigint>
export type ProcStat = {
  total: CpuTimes
  perCpu: Map<number, CpuTimes>
  ctxt: bigint | null
  btime: bigint | null
  procsRunning: bigint | null
  procsBlocked: bigint | null
}

export function parseProcStat(text: string): Parsed<ProcStat> {
  let total: CpuTimes | null = null
  const perCpu = new Map<number, CpuTimes>()
  const scalars: Record<string, bigint | null> = {ctxt: null, btime: null, procs_running: null, procs_blocked: null}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const space = line.search(/\s/)
    const key = space < 0 ? line : line.slice(0, space)
    const cpu = /^cpu(\d*)$/.exec(key)
    // Only the lines used are split: intr holds one count per interrupt (hundreds, thousands on a large host).
    if (!cpu && !Object.hasOwn(scalars, key)) continue
    const rest = line.split(/\s+/).slice(1)
    if (cpu) {
      if (rest.length < 4) return fail(`too few cpu columns: ${quote(line)}`)
      const times = {} as CpuTimes
      for (const [i, name] of CPU_FIELDS.entries()) {
        const cell = rest[i]
        if (cell === undefined) times[name] = 0n
        else {
          const v = parseU64(cell)
          if (!v.ok) return fail(`${key} ${name}: ${v.reason}`)
          times[name] = v.value
        }
      }
      if (cpu[1] === '') total = times
      else if (cpu[1]!.length <= 6) perCpu.set(Number(cpu[1]), times)
      else return fail(`cpu number out of range: ${quote(key)}`)
    } else if (Object.hasOwn(scalars, key)) {
      const v = parseU64(rest[0] ?? '')
      if (!v.ok) return fail(`${key}: ${v.reason}`)
      scalars[key] = v.value
    }
  }
  if (!total) return fail('no aggregate "cpu" line')
  return ok({
    total,
    perCpu,
    ctxt: scalars.ctxt ?? null,
    btime: scalars.btime ?? null,
    procsRunning: scalars.procs_running ?? null,
    procsBlocked: scalars.procs_blocked ?? null,
  })
}
