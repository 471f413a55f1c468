// What a live view samples: a list of targets, asked again at every collection (with --pod, containers come
// and go). The samplers, the screens and the metrics only see {name, open(), gone()}. Three ways to build it:
//  - self: this process's own container, read through the --root sysroot;
//  - --pid / --pid-of: the container of that process, read as that process (src/target/open.ts checked
//    once, at start, that it is visible and /proc/PID/root readable); gone() says when it has exited;
//  - --pod: every container visible from here (src/target: processes grouped by cgroup and mount
//    namespace), one target per container, read through its main process as --pid reads it, our own as
//    ourselves. Listed afresh at each call. The pod's pause/infra container runs nothing and is left out.
// Names are src/target/label.ts's: the same containers `guestview pod` shows.
import type {PidStat} from '../parse/pid-stat.js'
import {Sysroot} from '../sysroot/sysroot.js'
import {groupProcesses, mainCgroupPath} from '../target/group.js'
import {containerLabel, podLabels, SELF} from '../target/label.js'
import type {OpenedTarget} from '../target/open.js'
import {listProcesses} from '../target/processes.js'
import {isSameProcess, readStat} from '../target/target.js'

export {SELF}

export type Target = {
  /** The `container` label of the metrics and the row name of watch: "self" for our own container. */
  name: string
  /** A fresh sysroot for one snapshot (a Sysroot caches what it read: one instance is one snapshot). */
  open(): Sysroot
  /** Why this target can no longer be read (its process exited, or its PID was reused), or null. */
  gone(): string | null
  /** Set when the container cannot be read at all from here (--pod: /proc/PID/root refused): why. */
  unreadable?: string
}

export type Targets = () => Target[]

const never = () => null

/** This process's own container, read under rootDir. */
export function selfTarget(rootDir: string): Target {
  return {name: SELF, open: () => new Sysroot(rootDir), gone: never}
}

export function selfTargets(rootDir: string): Targets {
  const self = selfTarget(rootDir)
  return () => [self]
}

/**
 * The container of the process `--pid` / `--pid-of` chose (openTarget's answer). No PID (no flag, or a tree
 * captured without --pid) is self. The process is the one that had `startStat`: one that exited, turned
 * zombie, or whose PID now belongs to another process (another start time) is gone.
 */
export function openedTargets(opened: Extract<OpenedTarget, {ok: true}>): Targets {
  const {rootDir, pid} = opened.sys
  if (pid === null) return selfTargets(rootDir)
  const base = opened.sys.base()
  const cg = base.read(`/proc/${pid}/cgroup`)
  const name = containerLabel({
    self: opened.target.sameContainer === true,
    cgroupPath: cg.kind === 'value' ? mainCgroupPath(cg.value) : null,
    pid,
  })
  const comm = opened.target.comm ?? '?'
  const startTicks = opened.startStat?.startTicks ?? null
  const t: Target = {
    name,
    open: () => new Sysroot(rootDir, {pid}),
    gone: () => pidGone(rootDir, pid, comm, startTicks),
  }
  return () => [t]
}

function pidGone(rootDir: string, pid: number, comm: string, startTicks: PidStat['startTicks'] | null): string | null {
  const now = readStat(new Sysroot(rootDir), pid)
  if (isSameProcess(now, startTicks)) return null
  if (now.kind === 'value' && now.value.state !== 'Z')
    return `process ${pid} (${comm}) has exited and its PID now belongs to ${now.value.comm}`
  return `process ${pid} (${comm}) has exited`
}

/** Every container visible from here, listed again at each call; our own as ourselves, the others by PID. */
export function podTargets(rootDir: string): Targets {
  return () => {
    const list = listProcesses(new Sysroot(rootDir))
    if ('kind' in list) return [selfTarget(rootDir)]
    const groups = groupProcesses(list)
    const labels = podLabels(groups)
    const base = new Sysroot(rootDir)
    const out: Target[] = groups
      .filter((g) => !g.infra)
      .map((g) => {
        const label = labels.get(g)!
        const pid = g.main.pid
        if (g.self) return {name: label, open: () => new Sysroot(rootDir), gone: never}
        // As `guestview pod` says it: another user's container, without CAP_SYS_PTRACE, cannot be read.
        const root = base.list(`/proc/${pid}/root`)
        const unreadable =
          root.kind === 'denied'
            ? `permission denied reading /proc/${pid}/root (${g.main.comm}): guestview needs its uid, or CAP_SYS_PTRACE`
            : undefined
        // gone(): its main process exited while it was read (the container stopped): its report would be
        // one of vanished files. Listed afresh at each call, so a PID reused later is another listing.
        const comm = g.main.comm
        return {
          name: label,
          open: () => new Sysroot(rootDir, {pid}),
          gone: () => pidGone(rootDir, pid, comm, null),
          ...(unreadable ? {unreadable} : {}),
        }
      })
    return out.length > 0 ? out : [selfTarget(rootDir)]
  }
}
