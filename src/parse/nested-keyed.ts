// Nested keyed files (v2 io.stat, io.max), Documentation/admin-guide/cgroup-v2.rst "Format":
//   8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0
//   8:0 rbps=2097152 wbps=max riops=max wiops=120
// Each value is a u64 or "max". The first field is the device's MAJ:MIN. Some keys are not u64: with
// blk-iocost the root's io.stat has "cost.vrate=135.04", with blk-iolatency "use_delay=-1"; those are kept
// as JS numbers so one such key cannot make the whole file unreadable.
import {fail, ok, quote, type Parsed} from './result.js'
import {isMajorMinor} from './scan.js'
import {parseU64} from './u64.js'

export type NestedEntry = {device: string; values: Map<string, bigint | 'max' | number>}

export function parseNestedKeyed(text: string): Parsed<NestedEntry[]> {
  const out: NestedEntry[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const [device, ...pairs] = line.split(/\s+/)
    if (!device || !isMajorMinor(device)) return fail(`expected MAJ:MIN first: ${quote(line)}`)
    const values = new Map<string, bigint | 'max' | number>()
    for (const pair of pairs) {
      const eq = pair.indexOf('=')
      if (eq <= 0) return fail(`expected key=value, got ${quote(pair)}`)
      const val = pair.slice(eq + 1)
      if (val === 'max') values.set(pair.slice(0, eq), 'max')
      else if (/^-?\d{1,15}\.\d{1,15}$|^-\d{1,15}$/.test(val)) values.set(pair.slice(0, eq), Number(val))
      else if (/^-\d+(\.\d+)?$|^\d+\.\d+$/.test(val)) return fail(`${pair.slice(0, eq)}: out of range: ${quote(val)}`)
      else {
        const v = parseU64(val)
        if (!v.ok) return fail(`${pair.slice(0, eq)}: ${v.reason}`)
        values.set(pair.slice(0, eq), v.value)
      }
    }
    out.push({device, values})
  }
  return ok(out)
}
