// The container's processes by CPU over an interval, the way top ranks them: utime + stime from
// /proc/PID/stat (proc(5), clock ticks of USER_HZ) for each PID of the cgroup, differenced between two
// samples. A PID seen in only one sample, or whose counters fell (a reused PID), is left out.
import {USER_HZ} from '../model/hostview.js'
import {parsePidStat} from '../parse/pid-stat.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type ProcCpu = Map<number, {comm: string; ticks: number}>
export type TopProcess = {pid: number; comm: string; cores: number}

export function readProcCpu(sys: Sysroot, pids: Iterable<number>, max = 4096): ProcCpu {
  const out: ProcCpu = new Map()
  let n = 0
  for (const pid of pids) {
    if (++n > max) break
    const st = readField(sys, `/proc/${pid}/stat`, parsePidStat)
    if (st.kind === 'value') out.set(pid, {comm: st.value.comm, ticks: st.value.utimeTicks + st.value.stimeTicks})
  }
  return out
}

/** The `limit` busiest processes over `seconds`, in cores (CPU-seconds per second), busiest first. */
export function topProcesses(a: ProcCpu, b: ProcCpu, seconds: number, limit = 5): TopProcess[] {
  if (seconds <= 0) return []
  const out: TopProcess[] = []
  for (const [pid, now] of b) {
    const then = a.get(pid)
    if (!then || now.ticks < then.ticks) continue
    out.push({pid, comm: now.comm, cores: (now.ticks - then.ticks) / USER_HZ / seconds})
  }
  return out.sort((x, y) => y.cores - x.cores || x.pid - y.pid).slice(0, limit)
}
