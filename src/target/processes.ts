// The processes visible from here, with what grouping them into containers needs: each one's cgroup (the
// text of /proc/PID/cgroup, shown relative to *our* cgroup namespace, so one container reads alike for
// every member) and mount namespace (/proc/PID/ns/mnt). Read through the sysroot's own view (never a
// target's): these PIDs are numbers in our PID namespace.
//
// Processes come and go while /proc is walked: one that is gone by the time its files are read is skipped
// and counted, never an error. Kernel threads (PF_KTHREAD) are no container's and are left out. A process
// whose cgroup file cannot be read (hidepid, another user's under a restrictive /proc) is counted as hidden.
//
// /proc/PID/stat (parent, name, flags) is read for every process only where kernel threads may be listed:
// they all live in the initial PID namespace, whose PID 2 is always kthreadd (init/main.c rest_init), so a
// live /proc whose PID 2 is absent or no kernel thread shows none. There (a container, a pod sharing its PID
// namespace) each process's stat is read when its parent or name is first asked for: grouping needs them
// for one or two members of each container (group.ts), so a pod of 200 processes reads about 200 fewer
// files. `guestview pod` spends most of its listing time on these reads (bench/pod.ts).
import {parseCmdline, parsePidStat, PF_KTHREAD, type PidStat} from '../parse/pid-stat.js'
import {readField} from '../sysroot/read-field.js'
import type {Unread} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type Proc = {
  pid: number
  /** From /proc/PID/stat, which may be read only when this is first asked for (see above). */
  readonly ppid: number
  readonly comm: string
  /** /proc/PID/cgroup as read, one "id:controllers:path" per line, trimmed. */
  cgroup: string
  /** "mnt:[inode]", or null when the link cannot be read (another user's process without CAP_SYS_PTRACE). */
  mntNs: string | null
}

export type ProcessList = {
  procs: Proc[]
  /** Our own PID in this /proc (the /proc/self link), or null when it cannot be read (a tree without it). */
  selfPid: number | null
  /** Listed in /proc but gone before their files were read. */
  gone: number
  /** Listed, but their cgroup or stat could not be read (denied): they cannot be placed in a container. */
  hidden: number
}

/** Most a listing reads: a host with more processes than this is described by the first ones only. */
export const MAX_PROCESSES = 20_000

export function listProcesses(sys: Sysroot): ProcessList | Unread {
  const dir = sys.list('/proc')
  if (dir.kind !== 'value') return dir
  const self = sys.readLink('/proc/self')
  const selfPid = self.kind === 'value' && /^\d+$/.test(self.value) ? Number(self.value) : null
  const out: ProcessList = {procs: [], selfPid, gone: 0, hidden: 0}
  const pids = dir.value.filter((n) => /^\d+$/.test(n)).map(Number)
  const lazyStat = sys.isLive() && !kernelThreadsListed(sys)
  for (const pid of pids.sort((a, b) => a - b).slice(0, MAX_PROCESSES)) {
    let stat: PidStat | null = null
    if (!lazyStat) {
      const st = readField(sys, `/proc/${pid}/stat`, parsePidStat)
      if (st.kind !== 'value') {
        if (st.kind === 'absent') out.gone++
        else out.hidden++
        continue
      }
      if ((st.value.flags & PF_KTHREAD) !== 0) continue
      stat = st.value
    }
    const cg = sys.read(`/proc/${pid}/cgroup`)
    if (cg.kind !== 'value') {
      if (cg.kind === 'absent') out.gone++
      else out.hidden++
      continue
    }
    const mnt = sys.readLink(`/proc/${pid}/ns/mnt`)
    const cgroup = normalCgroupText(cg.value)
    const mntNs = mnt.kind === 'value' ? mnt.value : null
    out.procs.push(
      stat ? {pid, ppid: stat.ppid, comm: stat.comm, cgroup, mntNs} : new LazyProc(sys, pid, cgroup, mntNs),
    )
  }
  return out
}

/** Whether this /proc may list kernel threads: PID 2 is kthreadd (or cannot be told: then assume so). */
function kernelThreadsListed(sys: Sysroot): boolean {
  const st = readField(sys, '/proc/2/stat', parsePidStat)
  if (st.kind === 'absent') return false
  return st.kind !== 'value' || (st.value.flags & PF_KTHREAD) !== 0
}

/**
 * A process whose stat is read when its parent or name is first asked for. Gone by then (it exited while
 * the list was read): no parent (0) and the name "?", and its container's row says it exited. A class, not an
 * object literal with getters: a literal's getters are new closures for each process, so no two share a
 * hidden class, and every access in grouping is megamorphic.
 */
class LazyProc implements Proc {
  private stat: PidStat | null | undefined
  constructor(
    private readonly sys: Sysroot,
    readonly pid: number,
    readonly cgroup: string,
    readonly mntNs: string | null,
  ) {}
  private read(): PidStat | null {
    if (this.stat === undefined) {
      const st = readField(this.sys, `/proc/${this.pid}/stat`, parsePidStat)
      this.stat = st.kind === 'value' ? st.value : null
    }
    return this.stat
  }
  get ppid(): number {
    return this.read()?.ppid ?? 0
  }
  get comm(): string {
    return this.read()?.comm ?? '?'
  }
}

/** Blank space at an end of a line or of the text, or an empty line: what normalCgroupText takes away. */
const ABNORMAL_CGROUP_TEXT = /^\s|\s$|\s\n|\n\s|^$/

/** The lines of a /proc/PID/cgroup, trimmed, empty lines dropped: equal texts are one cgroup. */
export function normalCgroupText(text: string): string {
  // The kernel's text is normal already but for its last newline (a listing has hundreds): kept as it is.
  const body = text.endsWith('\n') ? text.slice(0, -1) : text
  if (!ABNORMAL_CGROUP_TEXT.test(body)) return body
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
}

/** A process's command line, or null when it cannot be read (gone, or a kernel thread's empty one). */
export function readCmdline(sys: Sysroot, pid: number): string[] | null {
  const r = readField(sys, `/proc/${pid}/cmdline`, parseCmdline)
  return r.kind === 'value' && r.value.length > 0 ? r.value : null
}
