// /proc/PID/stat and /proc/PID/cmdline, proc(5).
//   stat:    "1234 (my (odd) comm) S 1 1234 1234 0 -1 4194560 ..." - comm may hold spaces and parentheses, so
//            fields are counted after the LAST ')': field 3 state, 4 ppid, 9 flags (PF_* of
//            include/linux/sched.h; PF_KTHREAD 0x00200000 marks a kernel thread), 22 starttime.
//   cmdline: the arguments, each ended by a NUL; empty for a kernel thread and a zombie.
//   stat, for the CPU time of one process (parsePidStatCpu): utime(14) and stime(15), in clock ticks
//            (USER_HZ, 100 on every mainstream Linux ABI), counting every thread of the process.
import {fail, ok, quote, type Parsed} from './result.js'

export type PidStat = {pid: number; comm: string; state: string; ppid: number; flags: number; startTicks: number}

/** include/linux/sched.h: "I am a kernel thread". */
export const PF_KTHREAD = 0x00200000

export function parsePidStat(text: string): Parsed<PidStat> {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return fail(`no (comm) in ${quote(text)}`)
  const pid = text.slice(0, open).trim()
  if (!/^\d+$/.test(pid)) return fail(`no PID before (comm) in ${quote(text)}`)
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  const [state, ppid, flags, start] = [rest[0], rest[1], rest[6], rest[19]]
  if (state === undefined || !/^[A-Za-z]$/.test(state)) return fail(`no state field in ${quote(text)}`)
  for (const [name, v] of [
    ['ppid', ppid],
    ['flags', flags],
    ['starttime', start],
  ] as const)
    if (v === undefined || !/^\d{1,20}$/.test(v)) return fail(`no ${name} field in ${quote(text)}`)
  return ok({
    pid: Number(pid),
    comm: text.slice(open + 1, close),
    state,
    ppid: Number(ppid),
    flags: Number(flags),
    startTicks: Number(start),
  })
}

/** The arguments (never fails: an empty file is no arguments). A last argument without its NUL is kept. */
export function parseCmdline(text: string): Parsed<string[]> {
  const parts = text.split('\0')
  if (parts[parts.length - 1] === '') parts.pop()
  return ok(parts)
}

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
