// /proc/PID/status, proc(5): "Key:<TAB>value" lines.
//   CapEff:	000001ffffffffff      Seccomp:	2      NoNewPrivs:	1      NSpid:	12345	1
import {parseLines} from './lines.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {idMapWords, isHex16} from './scan.js'

export function parseProcStatus(text: string): Parsed<Map<string, string>> {
  const out = new Map<string, string>()
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue
    const i = raw.indexOf(':')
    if (i <= 0) return fail(`not a "Key: value" line: ${quote(raw)}`)
    out.set(raw.slice(0, i), raw.slice(i + 1).trim())
  }
  if (out.size === 0) return fail('empty status file')
  return ok(out)
}

/** Capability sets are 64-bit hex masks (CapEff: 000001ffffffffff). */
export function parseCapMask(text: string): Parsed<bigint> {
  const s = text.trim()
  if (!isHex16(s)) return fail(`not a capability mask: ${quote(s)}`)
  return ok(BigInt('0x' + s))
}

/** /proc/PID/uid_map and gid_map, user_namespaces(7): "inside outside count" per line. */
export type IdMapLine = {inside: number; outside: number; count: number}
export function parseIdMap(text: string): Parsed<IdMapLine[]> {
  return parseLines(text, (line) => {
    const m = idMapWords(line) // /^(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})$/
    if (!m) return fail(`not an id map line: ${quote(line)}`)
    // IDs and counts are 32-bit (user_namespaces(7)).
    const [inside, outside, count] = m.map(Number) as [number, number, number]
    if (inside > 2 ** 32 || outside > 2 ** 32 || count > 2 ** 32) return fail(`id out of range: ${quote(line)}`)
    return ok({inside, outside, count})
  })
}
