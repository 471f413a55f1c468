// Opening the sysroot for `--pid PID` / `--pid-of COMMAND`: the root is checked as for `--root`, the target is
// chosen, then it must be visible here and readable through /proc/PID/root. Each failure is one line that
// says what to do (the CLI exits 2 on it); nothing is read for the report before all of this holds.
//
// Reading /proc/PID/root (and /proc/PID/ns/*) needs ptrace read access, PTRACE_MODE_READ_FSCREDS
// (ptrace(2) "Ptrace access mode checking"; proc(5)): the same uid as the target and no fewer capabilities,
// or CAP_SYS_PTRACE. Also refused for a process that is not dumpable (a setuid program, PR_SET_DUMPABLE 0),
// and by Yama's kernel.yama.ptrace_scope 3. /proc/PID/cgroup, stat, status and mountinfo stay readable, so
// the failure is caught here, before a report full of "denied" can be printed.
import {parseCapMask, parseProcStatus} from '../parse/proc-status.js'
import type {PidStat} from '../parse/pid-stat.js'
import {openSysroot} from '../sysroot/open.js'
import {readField} from '../sysroot/read-field.js'
import {Sysroot} from '../sysroot/sysroot.js'
import {parsePidArg} from './pid-arg.js'
import {resolvePidOf} from './pid-of.js'
import {isSameProcess, readStat, readTarget, type Target} from './target.js'

export type TargetFlags = {pid?: string | undefined; pidOf?: string | undefined}

export type OpenedTarget =
  {ok: true; sys: Sysroot; target: Target; startStat: PidStat | null} | {ok: false; message: string}

/** CAP_SYS_PTRACE, include/uapi/linux/capability.h. */
const CAP_SYS_PTRACE = 19n

export function openTarget(rootDir: string, flags: TargetFlags, options: {record?: boolean} = {}): OpenedTarget {
  if (flags.pid !== undefined && flags.pidOf !== undefined)
    return {ok: false, message: '--pid and --pid-of both name a process: give one of them.'}
  const opened = openSysroot(rootDir, options)
  if (!opened.ok) return opened
  const base = opened.sys
  let pid: number | null = null
  if (flags.pid !== undefined) {
    const p = parsePidArg(flags.pid)
    if (!p.ok) return p
    pid = p.pid
  } else if (flags.pidOf !== undefined) {
    const p = resolvePidOf(base, flags.pidOf)
    if (!p.ok) return p
    pid = p.pid
  } else if (!base.isLive()) {
    // A tree made by `capture --pid P` replays P's report without repeating --pid.
    pid = base.capturedTarget()
  }
  if (pid === null) return {ok: true, sys: base, target: readTarget(base), startStat: null}
  return openPid(base, pid)
}

const invisible = (pid: number) =>
  `--pid ${pid}: no process ${pid} is visible here. It has exited, or it lives outside this PID namespace: containers see each other's processes only when they share one (Kubernetes shareProcessNamespace: true, kubectl debug --target, --pid=container:NAME). \`guestview pod\` lists what is visible.`

/** PID's sysroot, once it is visible and its root readable; exported for the tests of the race below. */
export function openPid(base: Sysroot, pid: number): OpenedTarget {
  const stat = readStat(base, pid)
  if (stat.kind === 'absent' || (stat.kind === 'value' && stat.value.state === 'Z'))
    return {ok: false, message: invisible(pid)}
  if (stat.kind !== 'value')
    return {ok: false, message: exited(base, pid, null) ? invisible(pid) : `--pid ${pid}: ${stat.reason}`}
  const root = base.list(`/proc/${pid}/root`)
  if (root.kind === 'denied') return {ok: false, message: deniedMessage(base, pid, stat.value.comm)}
  if (root.kind !== 'value')
    return {
      ok: false,
      message: exited(base, pid, stat.value.startTicks)
        ? invisible(pid)
        : `--pid ${pid}: cannot read its root directory: ${root.reason}`,
    }
  const sys = base.forPid(pid)
  return {ok: true, sys, target: readTarget(sys), startStat: stat.value}
}

/**
 * A read of the target failed: did the process exit (or turn zombie, or its PID get reused) meanwhile? Then it
 * is the "no process" case, not a broken file: seen in CI under load with short-lived targets, whose
 * /proc/PID/root vanished between the two reads. Read afresh: `base` keeps what it read for its snapshot.
 */
function exited(base: Sysroot, pid: number, startTicks: number | null): boolean {
  const now = readStat(new Sysroot(base.rootDir), pid)
  return now.kind === 'absent' || (now.kind === 'value' && !isSameProcess(now, startTicks))
}

/** Why /proc/PID/root is refused, and the fixes: worded from the two uids and our capabilities. */
function deniedMessage(base: Sysroot, pid: number, comm: string): string {
  const uidOf = (who: string) => {
    const st = readField(base, `/proc/${who}/status`, parseProcStatus)
    const uid = st.kind === 'value' ? st.value.get('Uid')?.split(/\s+/)[1] : undefined // effective uid
    return uid !== undefined && /^\d+$/.test(uid) ? Number(uid) : null
  }
  const ours = uidOf('self')
  const theirs = uidOf(String(pid))
  const st = readField(base, '/proc/self/status', parseProcStatus)
  const capEff = st.kind === 'value' ? st.value.get('CapEff') : undefined
  const mask = capEff !== undefined ? parseCapMask(capEff) : null
  const ptrace = mask?.ok ? ((mask.value >> CAP_SYS_PTRACE) & 1n) === 1n : null
  const head = `--pid ${pid}: permission denied reading /proc/${pid}/root (it needs ptrace access to PID ${pid}, ${comm})`
  const fixes =
    'Run guestview as the same user as the app (Kubernetes: the same securityContext.runAsUser), or with CAP_SYS_PTRACE (kubectl debug --profile=general, running as root; a sidecar: securityContext.capabilities.add: ["SYS_PTRACE"]).'
  if (ptrace === true)
    return `${head}, even with CAP_SYS_PTRACE: a security module forbids it (AppArmor, SELinux, or kernel.yama.ptrace_scope 3).`
  if (ours !== null && theirs !== null && ours !== theirs)
    return `${head}: it runs as uid ${theirs} and guestview as uid ${ours}, without CAP_SYS_PTRACE. ${fixes}`
  if (ours !== null && ours === theirs)
    return `${head}: both run as uid ${ours}, but it is not dumpable (a setuid program, or PR_SET_DUMPABLE 0), has capabilities guestview lacks, or kernel.yama.ptrace_scope forbids it. CAP_SYS_PTRACE overrides the first two (kubectl debug --profile=general; securityContext.capabilities.add: ["SYS_PTRACE"]).`
  return `${head}: guestview lacks CAP_SYS_PTRACE, and may run as another user. ${fixes}`
}
