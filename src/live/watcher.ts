// The state of a live view between intervals: the first and the latest sample of each target. step() takes
// new samples and returns the frame for the interval since the last step, or says why watching must stop
// (the cgroup was removed, this process was moved out of it, or the --pid target exited).
import type {Sysroot} from '../sysroot/sysroot.js'
import {containerFrame, sameCgroup, takeSample, type Frame, type LiveSample} from './frame.js'
import type {Target, Targets} from './targets.js'
import {isoTime} from '../units/iso-time.js'

export type Step = {kind: 'frame'; frame: Frame} | {kind: 'ended'; message: string}

export class Watcher {
  private readonly first = new Map<string, LiveSample>()
  private last = new Map<string, LiveSample>()

  constructor(private readonly targets: Targets) {}

  /** The containers holding a baseline sample (those watched as of the last step). */
  watching(): string[] {
    return [...this.first.keys()]
  }

  /** The baseline samples the first interval is measured from. */
  start(): void {
    for (const t of this.targets()) {
      if (t.unreadable !== undefined) continue
      const s = takeSample(t)
      this.first.set(t.name, s)
      this.last.set(t.name, s)
    }
  }

  step(): Step {
    const next = new Map<string, LiveSample>()
    const containers: Frame['containers'] = []
    const ended: string[] = []
    const unreadable: {container: string; reason: string}[] = []
    let elapsed = 0
    for (const t of this.targets()) {
      if (t.unreadable !== undefined) {
        unreadable.push({container: t.name, reason: t.unreadable})
        continue
      }
      const s = takeSample(t)
      // Asked after the sample: a process that exits while it is read leaves a sample of vanished files.
      const why = t.gone()
      if (why) {
        ended.push(`${t.name}: ${why}; stopped watching`)
        continue
      }
      const first = this.first.get(t.name)
      const prev = this.last.get(t.name)
      if (!first || !prev) {
        // A container that appeared since the last step: its first interval starts now.
        this.first.set(t.name, s)
        next.set(t.name, s)
        continue
      }
      if (!sameCgroup(first, s)) {
        ended.push(gone(t, first, s))
        continue
      }
      next.set(t.name, s)
      const c = containerFrame(first, prev, s)
      containers.push(c)
      elapsed = Math.max(elapsed, (s.snap.atMs - prev.snap.atMs) / 1000)
    }
    this.last = next
    // A baseline is kept only for what is still watched: with --pod, every container that stopped (a restart
    // is a new container ID) would otherwise keep its first sample for as long as watch runs. One that comes
    // back under the same name starts a new first interval either way (it has no last sample).
    for (const name of this.first.keys()) if (!next.has(name)) this.first.delete(name)
    if (containers.length === 0 && ended.length > 0) return {kind: 'ended', message: ended.join('; ')}
    if (containers.length === 0 && next.size === 0) return {kind: 'ended', message: 'no container left to watch'}
    const at = isoTime(new Date())
    return {
      kind: 'frame',
      frame: {at, elapsedSeconds: elapsed, containers, ...(unreadable.length > 0 ? {unreadable} : {})},
    }
  }
}

function exists(sys: Sysroot, dir: string): boolean {
  return sys.list(dir).kind !== 'absent'
}

/** "the cgroup /app (cpu: /sys/fs/cgroup/cpu/app) was removed" or "... now sits in /". */
function gone(t: Target, first: LiveSample, now: LiveSample): string {
  const was = first.snap.owns.cgroup.path ?? 'unknown'
  const dir = first.snap.tasks.source?.replace(/\/cgroup\.procs.*$/, '') ?? null
  const removed = dir !== null && !exists(t.open(), dir)
  const where = now.snap.owns.cgroup.path ?? 'unknown'
  return removed
    ? `${t.name}: the cgroup ${was} was removed (${dir} no longer exists); stopped watching`
    : `${t.name}: the process left the cgroup ${was} and now sits in ${where}; stopped watching`
}
