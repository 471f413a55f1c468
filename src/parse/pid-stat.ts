// /proc/PID/stat (proc(5)), for the CPU time of one process:
//   "4242 (my (odd) comm) R 1 4242 ... utime(14) stime(15) ..."
// comm may hold spaces and parentheses, so fields are counted after the LAST ')'. utime and stime are in
// clock ticks (USER_HZ, 100 on every mainstream Linux ABI) and count every thread of the process.
import {fail, ok, quote, type Parsed} from './result.js'

export type PidCpu = {comm: string; utimeTicks: number; stimeTicks: number}

export function parsePidStatCpu(text: string): Parsed<PidCpu> {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return fail(`no (comm) in ${quote(text)}`)
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  // After ")" comes field 3 (state): utime (14) is rest[11], stime (15) rest[12].
  const u = rest[11]
  const s = rest[12]
  if (u === undefined || s === undefined || !/^\d{1,15}$/.test(u) || !/^\d{1,15}$/.test(s))
    return fail(`no utime/stime fields in ${quote(text)}`)
  return ok({comm: text.slice(open + 1, close), utimeTicks: Number(u), stimeTicks: Number(s)})
}
