// /proc/PID/stat and /proc/PID/cmdline, proc(5).
//   stat:    "1234 (my (odd) comm) S 1 1234 1234 0 -1 4194560 ..." - one line of space-separated fields.
//            comm (field 2) is the command name in parentheses and may itself hold spaces and parentheses
//            (prctl(PR_SET_NAME) sets any 15 bytes), so proc(5)'s rule is followed: the comm runs from the
//            first '(' to the LAST ')', and the fields are counted after that ')': field 3 state, 4 ppid,
//            9 flags (PF_* of include/linux/sched.h; PF_KTHREAD 0x00200000 marks a kernel thread),
//            14 utime and 15 stime (clock ticks of USER_HZ, 100 on every mainstream Linux ABI, summed over
//            every thread of the process), 22 starttime (clock ticks since boot).
//   cmdline: the arguments, each ended by a NUL; empty for a kernel thread and a zombie.
// One parser serves every reader of a stat line: the process listing and targets (src/target), the CPU of
// each process (src/live/top.ts) and PID 1's start time (src/model/hostview.ts).
import {parseSafeInt} from './numbers.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {isOneLetter} from './scan.js'

export type PidStat = {
  pid: number
  comm: string
  state: string
  ppid: number
  flags: number
  utimeTicks: number
  stimeTicks: number
  startTicks: number
}

/** include/linux/sched.h: "I am a kernel thread". */
export const PF_KTHREAD = 0x00200000

/** The numeric fields read, as [name, index in the fields after the comm (field 3 is index 0)]. */
const NUMBERS = [
  ['ppid', 1],
  ['flags', 6],
  ['utime', 11],
  ['stime', 12],
  ['starttime', 19],
] as const

export function parsePidStat(text: string): Parsed<PidStat> {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return fail(`no (comm) in ${quote(text)}`)
  const pidText = text.slice(0, open).trim()
  if (!/^\d+$/.test(pidText)) return fail(`no PID before (comm) in ${quote(text)}`)
  // Digits are not yet a number: Number() of 400 of them is Infinity (test/fuzz/parsers found it).
  const pid = parseSafeInt(pidText)
  if (!pid.ok) return fail(`pid: ${pid.reason}`)
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  const state = rest[0]
  if (state === undefined || !isOneLetter(state)) return fail(`no state field in ${quote(text)}`)
  const n: Record<(typeof NUMBERS)[number][0], number> = {ppid: 0, flags: 0, utime: 0, stime: 0, starttime: 0}
  for (const [name, at] of NUMBERS) {
    const v = rest[at]
    if (v === undefined || !/^\d+$/.test(v)) return fail(`no ${name} field in ${quote(text)}`)
    const parsed = parseSafeInt(v)
    if (!parsed.ok) return fail(`${name}: ${parsed.reason}`)
    n[name] = parsed.value
  }
  return ok({
    pid: pid.value,
    comm: text.slice(open + 1, close),
    state,
    ppid: n.ppid,
    flags: n.flags,
    utimeTicks: n.utime,
    stimeTicks: n.stime,
    startTicks: n.starttime,
  })
}

/** The arguments (never fails: an empty file is no arguments). A last argument without its NUL is kept. */
export function parseCmdline(text: string): Parsed<string[]> {
  const parts = text.split('\0')
  if (parts[parts.length - 1] === '') parts.pop()
  return ok(parts)
}
