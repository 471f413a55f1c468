// Which process the report describes (`target` in every JSON report), and whether it shares our container.
// Read through the sysroot's own view (sys.base()): the target's identity is a fact about *our* /proc.
//
// Same container: the same /proc/PID/cgroup text as ours (every hierarchy, as our cgroup namespace shows
// it) and, where both links can be read, the same mount namespace. Then `--pid` reports this container,
// and says so.
import {parseCmdline, parsePidStat, type PidStat} from '../parse/pid-stat.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {normalCgroupText} from './processes.js'

export type Target = {
  /** The PID the report describes, as our /proc numbers it; for our own process, its PID (null if unreadable). */
  pid: number | null
  /** No --pid: guestview's own process (its comm and cmdline are guestview's, so they are left out). */
  self: boolean
  comm: string | null
  /** The command line, arguments joined by spaces as ps(1) shows them. */
  cmdline: string | null
  /** Whether the target is in our own container; null when it cannot be told (with the reason). */
  sameContainer: boolean | null
  evidence: string
}

/** /proc/PID/stat of a PID in our /proc (for identity: starttime tells a PID reused after an exit). */
export function readStat(sys: Sysroot, pid: number | 'self') {
  return readField(sys.base(), `/proc/${pid}/stat`, parsePidStat)
}

export function readTarget(sys: Sysroot): Target {
  const base = sys.base()
  if (sys.pid === null) {
    const st = readStat(base, 'self')
    return {
      pid: st.kind === 'value' ? st.value.pid : null,
      self: true,
      comm: null,
      cmdline: null,
      sameContainer: true,
      evidence: 'guestview describes its own process',
    }
  }
  const pid = sys.pid
  const st = readStat(base, pid)
  const argv = readField(base, `/proc/${pid}/cmdline`, parseCmdline)
  return {
    pid,
    self: false,
    comm: st.kind === 'value' ? st.value.comm : null,
    cmdline: argv.kind === 'value' && argv.value.length > 0 ? argv.value.join(' ') : null,
    ...sameContainer(base, pid),
  }
}

function sameContainer(base: Sysroot, pid: number): {sameContainer: boolean | null; evidence: string} {
  const ours = base.read('/proc/self/cgroup')
  const theirs = base.read(`/proc/${pid}/cgroup`)
  if (ours.kind !== 'value') return {sameContainer: null, evidence: ours.reason}
  if (theirs.kind !== 'value') return {sameContainer: null, evidence: theirs.reason}
  if (normalCgroupText(ours.value) !== normalCgroupText(theirs.value))
    return {sameContainer: false, evidence: `/proc/${pid}/cgroup differs from /proc/self/cgroup: another cgroup`}
  const a = base.readLink('/proc/self/ns/mnt')
  const b = base.readLink(`/proc/${pid}/ns/mnt`)
  if (a.kind === 'value' && b.kind === 'value' && a.value !== b.value)
    return {
      sameContainer: false,
      evidence: `the same cgroup, but another mount namespace (${b.value}, ours ${a.value})`,
    }
  const what = a.kind === 'value' && b.kind === 'value' ? 'cgroup and mount namespace' : 'cgroup'
  return {sameContainer: true, evidence: `the same ${what} as guestview`}
}

export type Gone = {gone: true; message: string} | {gone: false}

/**
 * Whether a fresh read of /proc/PID/stat is still the process that started at `startTicks` (null: any process
 * under that PID): alive, not a zombie, not a reused PID. The one test of "has the target gone" for the
 * one-shot commands (targetGone), --pid's opening (target/open.ts) and the live views (live/targets.ts).
 */
export function isSameProcess(now: ReturnType<typeof readStat>, startTicks: number | null): boolean {
  return now.kind === 'value' && now.value.state !== 'Z' && (startTicks === null || now.value.startTicks === startTicks)
}

/**
 * After the report was read: is the target still the process it was? Read afresh (not from the snapshot),
 * live only; a reused PID (another starttime) counts as gone.
 */
export function targetGone(fresh: Sysroot, before: PidStat | null): Gone {
  if (fresh.pid === null || !fresh.isLive() || before === null) return {gone: false}
  if (isSameProcess(readStat(fresh, fresh.pid), before.startTicks)) return {gone: false}
  return {
    gone: true,
    message: `--pid ${fresh.pid}: the process exited while its report was read, so nothing was printed. Run again, or pick a process that stays (\`guestview pod\` lists one per container).`,
  }
}
