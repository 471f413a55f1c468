// /proc/net/dev (proc(5), "/proc/net/dev"): one line per interface of the reader's network namespace,
// after two header lines:
//   "  eth0: 1234 10 0 0 0 0 0 0  5678 12 0 0 0 0 0 0"
// Receive: bytes packets errs drop fifo frame compressed multicast; then transmit: bytes packets errs drop
// fifo colls carrier compressed. Counters are unsigned 64-bit; past 2^53 they lose precision as numbers.
import {parseLines} from './lines.js'
import {fail, ok, quote, type Parsed} from './result.js'

export type NetDevLine = {
  iface: string
  rxBytes: number
  rxPackets: number
  rxErrs: number
  rxDrop: number
  txBytes: number
  txPackets: number
  txErrs: number
  txDrop: number
}

export function parseNetDev(text: string): Parsed<NetDevLine[]> {
  return parseLines(text, (line) => {
    if (line.includes('|')) return null // the two header lines
    const colon = line.indexOf(':')
    if (colon <= 0) return fail(`not a net/dev line: ${quote(line)}`)
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
    if (f.length < 16 || !f.slice(0, 16).every((x) => /^\d{1,20}$/.test(x)))
      return fail(`not a net/dev line: ${quote(line)}`)
    const n = f.map(Number)
    return ok({
      iface: line.slice(0, colon).trim(),
      rxBytes: n[0]!,
      rxPackets: n[1]!,
      rxErrs: n[2]!,
      rxDrop: n[3]!,
      txBytes: n[8]!,
      txPackets: n[9]!,
      txErrs: n[10]!,
      txDrop: n[11]!,
    })
  })
}
