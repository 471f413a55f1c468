// Pressure stall information: /proc/pressure/{cpu,memory,io} and the cgroup v2 files cpu.pressure,
// memory.pressure, io.pressure. Documentation/accounting/psi.rst:
//   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
//   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
// avg* are percentages of wall time; total is microseconds stalled. Before 5.13 cpu had no "full" line.
import {all, parseDecimal} from './numbers.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {psiWords} from './scan.js'
import {bigToUnits, parseU64} from './u64.js'

export type PsiLine = {avg10: number; avg60: number; avg300: number; totalSeconds: number}
export type Psi = {some: PsiLine | null; full: PsiLine | null}

export function parsePsi(text: string): Parsed<Psi> {
  const out: Psi = {some: null, full: null}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    // /^(some|full)\s+avg10=(\d+(?:\.\d+)?)\s+avg60=(\d+(?:\.\d+)?)\s+avg300=(\d+(?:\.\d+)?)\s+total=(\d+)$/
    const m = psiWords(line)
    if (!m) return fail(`not a PSI line: ${quote(line)}`)
    const total = parseU64(m.total)
    if (!total.ok) return fail(total.reason)
    // Averages are percentages of wall time: 0 to 100.
    const avgs = all([m.avg10, m.avg60, m.avg300].map((x) => parseDecimal(x, 100)))
    if (!avgs.ok) return fail(`${m.kind}: ${avgs.reason}`)
    const [avg10, avg60, avg300] = avgs.value as [number, number, number]
    out[m.kind] = {
      avg10,
      avg60,
      avg300,
      totalSeconds: bigToUnits(total.value, 1_000_000n),
    }
  }
  if (!out.some && !out.full) return fail('no "some" or "full" line')
  return ok(out)
}
