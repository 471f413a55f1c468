// Visible processes grouped into containers: one group per cgroup (the whole /proc/PID/cgroup text, so
// every hierarchy must agree) and mount namespace, with one process picked to stand for it. A container
// is a cgroup (what it owns) seen from a root filesystem (what it sees), so both are in the key. A process
// whose mount namespace cannot be read joins the group of its cgroup's main process rather than making a
// group of its own (it is most likely the same container, merely another user's process).
//
// The main process is the container's first: of the members whose parent is not a member (the
// container's init, and processes entered from outside such as `kubectl exec`), the lowest PID.
import {parseProcCgroup} from '../parse/proc-cgroup.js'
import {containerName, type ContainerName} from './container-name.js'
import type {Proc, ProcessList} from './processes.js'

export type ProcessGroup = {
  /** The process picked to stand for the container: its report is the container's. */
  main: Proc
  /** Every member's PID, ascending. */
  pids: number[]
  /** The cgroup path of the main hierarchy (v1 cpu, else memory, else pids, else the v2 line). */
  cgroupPath: string | null
  mntNs: string | null
  /** The group holds this process: "this container". */
  self: boolean
  /** A pod's pause / infra container (pause, catatonit): it holds the namespaces and runs nothing else. */
  infra: boolean
  name: ContainerName
}

/** Commands of the infrastructure containers runtimes start to hold a pod's namespaces. */
export const INFRA_COMMANDS = new Set(['pause', 'catatonit'])

/** The path of the hierarchy that best names the container, from a /proc/PID/cgroup text. */
export function mainCgroupPath(cgroupText: string): string | null {
  const p = parseProcCgroup(cgroupText)
  if (!p.ok) return null
  for (const c of ['cpu', 'memory', 'pids']) {
    const line = p.value.find((l) => l.hierarchyId !== 0 && l.controllers.includes(c))
    if (line) return line.path
  }
  return p.value.find((l) => l.hierarchyId === 0)?.path ?? p.value[0]?.path ?? null
}

export function groupProcesses(list: ProcessList): ProcessGroup[] {
  const byCgroup = new Map<string, Proc[]>()
  for (const p of list.procs) {
    const g = byCgroup.get(p.cgroup)
    if (g) g.push(p)
    else byCgroup.set(p.cgroup, [p])
  }
  const groups: ProcessGroup[] = []
  for (const [cgroup, members] of byCgroup) {
    const byNs = new Map<string, Proc[]>()
    const unknownNs: Proc[] = []
    for (const p of members) {
      if (p.mntNs === null) unknownNs.push(p)
      else byNs.set(p.mntNs, [...(byNs.get(p.mntNs) ?? []), p])
    }
    const parts = [...byNs.values()]
    if (parts.length === 0) parts.push(unknownNs)
    else if (unknownNs.length > 0) {
      // Join the part that holds the cgroup's main process.
      const main = mainOf(members)
      const home = parts.find((ps) => ps.includes(main)) ?? parts[0]!
      home.push(...unknownNs)
    }
    for (const part of parts) groups.push(makeGroup(cgroup, part, list.selfPid))
  }
  return groups.sort((a, b) => a.main.pid - b.main.pid)
}

function mainOf(members: Proc[]): Proc {
  // The lowest PID whose parent is not a member, else the lowest PID. Asked in PID order, so that only the
  // members up to the first such one have their parent read (processes.ts reads /proc/PID/stat lazily).
  const pids = new Set(members.map((p) => p.pid))
  const sorted = [...members].sort((a, b) => a.pid - b.pid)
  return sorted.find((p) => !pids.has(p.ppid)) ?? sorted[0]!
}

function makeGroup(cgroup: string, members: Proc[], selfPid: number | null): ProcessGroup {
  const main = mainOf(members)
  const cgroupPath = mainCgroupPath(cgroup)
  return {
    main,
    pids: members.map((p) => p.pid).sort((a, b) => a - b),
    cgroupPath,
    mntNs: main.mntNs,
    self: selfPid !== null && members.some((p) => p.pid === selfPid),
    infra: INFRA_COMMANDS.has(main.comm) && members.length === 1,
    name: containerName(cgroupPath ?? ''),
  }
}
