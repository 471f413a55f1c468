// `guestview pod`: every container visible from here, one row each. The visible processes are grouped by
// cgroup and mount namespace (src/target/group.ts); for each group, its main process is read as `--pid`
// would read it (our own container as ourselves), for what a person compares across containers: limits,
// usage, throttling, working set against the limit, OOM kills, PIDs, and the top findings, under a name they
// recognise. Only that is computed (report/pod-row.ts), with the values the full report would give. A row that cannot be read (another user's container, a process
// gone meanwhile) says why and the others stand.
//
// What is visible is what our PID namespace holds: on a host every process, in a container only its own
// unless the namespace is shared (a pod with shareProcessNamespace, `kubectl debug --target`). The report
// says which, so that one row never reads as "the pod has one container".
import {nanoid} from 'nanoid'
import type {Finding} from '../findings/types.js'
import type {Limit} from '../model/limit.js'
import {readNamespace} from '../probes/namespaces.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {ContainerName} from '../target/container-name.js'
import {groupProcesses, type ProcessGroup} from '../target/group.js'
import {podLabels} from '../target/label.js'
import {listProcesses, readCmdline} from '../target/processes.js'
import {SCHEMA_VERSION} from './owns.js'
import {readPodRow} from './pod-row.js'
import {isoTime} from '../units/iso-time.js'

/** Findings kept per row: the most severe first. */
export const TOP_FINDINGS = 3

export type PodContainer = {
  /** The main process, as our /proc numbers it: `--pid` with this PID gives the whole report. */
  pid: number
  comm: string
  cmdline: string | null
  /** How many visible processes the container has. */
  processes: number
  self: boolean
  infra: boolean
  cgroupPath: string | null
  name: ContainerName
  /** Its `container` label in `serve --pod` (and `metrics --pid` of its PID), and its row in `watch --pod` (target/label.ts). */
  label: string
  /** Null when the container's files could not be read: `error` says why. */
  owned: {
    cpu: {
      limit: Limit
      effectiveCores: number | null
      usageSeconds: number | null
      throttling: {periods: number; throttledPeriods: number; throttledSeconds: number} | null
    }
    memory: {limit: Limit; usageBytes: number | null; workingSetBytes: number | null; oomKills: number | null}
    pids: {limit: Limit; current: number | null}
  } | null
  findings: Pick<Finding, 'id' | 'severity' | 'title'>[]
  error: string | null
}

export type PodReport = {
  schemaVersion: typeof SCHEMA_VERSION
  id: string
  collectedAt: string
  root: string
  visibility: {
    /** host: the initial PID namespace (every process of the machine); shared: ours and other containers'. */
    scope: 'host' | 'shared' | 'own' | 'unknown'
    pidNamespace: string | null
    /** Why these rows are all there is to see. */
    why: string
    processes: number
    /** Listed but unreadable (hidepid, or denied): not in any row. */
    hidden: number
  }
  containers: PodContainer[]
}

export function buildPod(sys: Sysroot, now: Date = new Date()): PodReport {
  const base = sys.base()
  const list = listProcesses(base)
  const ns = readNamespace(base, 'pid')
  const envelope = {
    schemaVersion: SCHEMA_VERSION as typeof SCHEMA_VERSION,
    id: nanoid(),
    collectedAt: isoTime(now),
    root: sys.rootDir,
  }
  if ('kind' in list) {
    return {
      ...envelope,
      visibility: {
        scope: 'unknown',
        pidNamespace: ns.link,
        why: `cannot list processes: ${list.reason}`,
        processes: 0,
        hidden: 0,
      },
      containers: [],
    }
  }
  const groups = groupProcesses(list)
  const labels = podLabels(groups)
  const containers = groups.map((g) => row(base, g, labels.get(g)!))
  return {
    ...envelope,
    visibility: visibility(ns.initial, ns.link, groups, list.procs.length, list.hidden),
    containers,
  }
}

function visibility(
  initial: boolean | null,
  link: string | null,
  groups: ProcessGroup[],
  processes: number,
  hidden: number,
): PodReport['visibility'] {
  const hiddenNote =
    hidden > 0
      ? ` ${hidden} processes could not be read (another user's under hidepid, or denied), so they are in no row.`
      : ''
  const base = {pidNamespace: link, processes, hidden}
  if (initial === true)
    return {
      ...base,
      scope: 'host',
      why: `this is the host's PID namespace (${link}): every process of the machine is visible, so each row is a cgroup (a container, a service, a session), not only a pod's containers.${hiddenNote}`,
    }
  const others = groups.filter((g) => !g.self).length
  if (others === 0)
    return {
      ...base,
      scope: 'own',
      why: `only this container's processes are visible: its PID namespace${link ? ` (${link})` : ''} is its own. To see the other containers of a pod, share it: Kubernetes shareProcessNamespace: true or kubectl debug --target=APP; podman pod create --share pid; docker or podman run --pid=container:APP.${hiddenNote}`,
    }
  return {
    ...base,
    scope: initial === false ? 'shared' : 'unknown',
    why: `a PID namespace${link ? ` (${link})` : ''} shared by ${groups.length} containers: every container of the pod that shares it is listed; one that does not (its own PID namespace) cannot be seen from here.${hiddenNote}`,
  }
}

function row(base: Sysroot, g: ProcessGroup, label: string): PodContainer {
  const head = {
    pid: g.main.pid,
    comm: g.main.comm,
    cmdline: readCmdline(base, g.main.pid)?.join(' ') ?? null,
    processes: g.pids.length,
    self: g.self,
    infra: g.infra,
    cgroupPath: g.cgroupPath,
    name: g.name,
    label,
  }
  // Our own container is read as ourselves (no ptrace needed); another through its main process's root.
  let sys = base
  if (!g.self) {
    const root = base.list(`/proc/${g.main.pid}/root`)
    if (root.kind !== 'value') {
      const why =
        root.kind === 'denied'
          ? `permission denied reading /proc/${g.main.pid}/root: guestview needs the same uid as this container's process, or CAP_SYS_PTRACE (\`guestview --pid ${g.main.pid} owns\` says more)`
          : root.kind === 'absent'
            ? `process ${g.main.pid} exited while the pod was read`
            : root.reason
      return {...head, owned: null, findings: [], error: why}
    }
    sys = base.forPid(g.main.pid)
  }
  const r = readPodRow(sys, TOP_FINDINGS)
  const {cpu, memory, pids} = r.owned
  const t = cpu.throttling
  return {
    ...head,
    owned: {
      cpu: {
        limit: cpu.limit,
        effectiveCores: cpu.effectiveCores,
        usageSeconds: cpu.usageSeconds,
        throttling: t
          ? {periods: t.periods, throttledPeriods: t.throttledPeriods, throttledSeconds: t.throttledSeconds}
          : null,
      },
      memory: {
        limit: memory.limit,
        usageBytes: memory.usageBytes,
        workingSetBytes: memory.workingSetBytes,
        oomKills: memory.oomKills,
      },
      pids: {limit: pids.limit, current: pids.current},
    },
    findings: r.findings.map((f) => ({id: f.id, severity: f.severity, title: f.title})),
    error: null,
  }
}
