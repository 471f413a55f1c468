// `--pid-of COMMAND`: the PID of the container that runs COMMAND, among the processes visible from here.
// A process matches when its name (/proc/PID/comm, the kernel's first 15 bytes) or the file name of its
// program (argv[0]) is COMMAND. Matches are counted by container, not by process (nginx's master and
// workers are one answer): several containers are ambiguous, unless all but one of them is our own, since
// the point is to look at another container. Ambiguous or absent: a one-line usage error naming the
// candidates, so the user can pass --pid.
import {posix} from 'node:path'
import type {Sysroot} from '../sysroot/sysroot.js'
import {groupProcesses, type ProcessGroup} from './group.js'
import {listProcesses, readCmdline, type Proc} from './processes.js'

export type PidOf = {ok: true; pid: number} | {ok: false; message: string}

export function resolvePidOf(sys: Sysroot, command: string): PidOf {
  const name = command.trim()
  if (name === '' || name.includes('\n'))
    return {ok: false, message: '--pid-of: give the name of a running program, e.g. --pid-of nginx'}
  const list = listProcesses(sys)
  if ('kind' in list) return {ok: false, message: `--pid-of ${name}: cannot list processes: ${list.reason}`}
  const cmdlines = new Map<number, string[] | null>()
  const argvOf = (pid: number) => {
    if (!cmdlines.has(pid)) cmdlines.set(pid, readCmdline(sys, pid))
    return cmdlines.get(pid) ?? null
  }
  const matches = (p: Proc) => {
    if (p.pid === list.selfPid) return false
    if (p.comm === name || p.comm === name.slice(0, 15)) return true
    const argv0 = argvOf(p.pid)?.[0]
    return argv0 !== undefined && posix.basename(argv0) === name
  }
  const groups = groupProcesses(list)
  const hits = groups
    .map((g) => ({g, pids: g.pids.filter((pid) => matches(list.procs.find((p) => p.pid === pid)!))}))
    .filter((h) => h.pids.length > 0)
  const others = hits.filter((h) => !h.g.self)
  const chosen = hits.length === 1 ? hits[0] : others.length === 1 ? others[0] : undefined
  if (chosen) return {ok: true, pid: chosen.pids.includes(chosen.g.main.pid) ? chosen.g.main.pid : chosen.pids[0]!}
  if (hits.length === 0)
    return {
      ok: false,
      message: `--pid-of ${name}: no visible process is named ${name} (${list.procs.length} processes visible; \`guestview pod\` lists them by container). Another container's processes are visible only in a shared PID namespace (shareProcessNamespace: true, or kubectl debug --target).`,
    }
  const candidates = hits
    .slice(0, 6)
    .map((h) => `PID ${h.pids[0]} (${describe(h.g, argvOf(h.pids[0]!))})`)
    .join(', ')
  return {
    ok: false,
    message: `--pid-of ${name}: ${hits.length} containers run ${name}: ${candidates}${hits.length > 6 ? ', ...' : ''}. Pass --pid with one of them.`,
  }
}

/** A short label: the command line and the container ID or cgroup. */
function describe(g: ProcessGroup, argv: string[] | null): string {
  const cmd = (argv ?? [g.main.comm]).join(' ')
  const short = cmd.length > 40 ? cmd.slice(0, 39) + '…' : cmd
  const where = g.self
    ? 'this container'
    : g.name.containerId
      ? `container ${g.name.containerId.slice(0, 12)}`
      : `cgroup ${g.cgroupPath ?? 'unknown'}`
  return `${short}, ${where}`
}
