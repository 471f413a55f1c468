// Shared pieces of explanations: the scope of sources (from the classifier, never a fixed table) and the
// container's own numbers, phrased the same way everywhere.
import {averageCoresUsed} from '../model/cpu-average.js'
import {effectiveCoresBasis} from '../model/cpu.js'
import type {FullReport} from '../report/full.js'
import {cpuList} from '../units/units.js'
import {cmd, num, p, path, warn, type Paragraph} from '../doc/tokens.js'
import type {SourceScope} from './types.js'

export function reads(r: FullReport, ...sources: string[]): SourceScope[] {
  return sources.map((source) => {
    const v = r.views.find((x) => x.source === source)
    return v
      ? {source, scope: v.scope, evidence: v.evidence}
      : {source, scope: 'unknown' as const, evidence: 'not classified'}
  })
}

export function scope(r: FullReport, source: string): string {
  return r.views.find((v) => v.source === source)?.scope ?? 'unknown'
}

export const isHost = (r: FullReport, source: string) => scope(r, source) === 'host'
export const isVirtual = (r: FullReport, source: string) => scope(r, source) === 'virtualized'

/** "this container owns 1.5 cores (quota ...)" */
export function ownedCpu(r: FullReport): Paragraph {
  const c = r.cpu
  if (c.limit.state === 'limited') {
    return p`this container owns ${num(c.effectiveCores, 'cores')} (quota ${num(c.limit.value, 'cores')} from ${path(c.limit.source)}${c.cpuset ? p`, cpuset of ${num(c.cpuset.length, 'count')}` : ''})`
  }
  if (c.limit.state === 'unlimited')
    return p`this container has no CPU quota; it may use ${num(c.effectiveCores, 'cores')} (${effectiveCoresBasis(c)})`
  return p`this container's CPU quota is unknown (${c.limit.reason}); at most ${num(c.effectiveCoresAtMost, 'cores')}`
}

export function ownedMemory(r: FullReport): Paragraph {
  const m = r.memory
  if (m.limit.state === 'limited') {
    const headroom = m.workingSetBytes !== null ? m.limit.value - m.workingSetBytes : null
    return p`this container is held to ${num(m.limit.value, 'bytes')} (${path(m.limit.source)}); its working set is ${num(m.workingSetBytes, 'bytes')}, so the real headroom is ${num(headroom, 'bytes')}`
  }
  if (m.limit.state === 'unlimited')
    return p`this container has no memory limit; its working set is ${num(m.workingSetBytes, 'bytes')} and the host's memory is the only ceiling`
  return p`this container's memory limit is unknown (${m.limit.reason})`
}

export function ownedCpuUse(r: FullReport): Paragraph {
  const avg = averageCoresUsed(r.cpu.usageSeconds, r.hostView, scope(r, '/proc/<pid>'))
  return avg === null
    ? p`it has used ${num(r.cpu.usageSeconds, 'seconds')} of CPU in all`
    : p`it has used ${num(r.cpu.usageSeconds, 'seconds')} of CPU in all, ${num(avg, 'cores')} on average since it started`
}

export function throttleLine(r: FullReport): Paragraph {
  const t = r.cpu.throttling
  if (!t) return p`throttling counters are not available here`
  if (t.throttledPeriods === 0)
    return p`the quota has not throttled it (${num(t.periods, 'count')} periods, none throttled; ${path(t.source)})`
  return [
    warn('throttled'),
    ...p` in ${num(t.throttledPeriods, 'count')} of ${num(t.periods, 'count')} periods (${num(t.throttledSeconds, 'seconds')} in all, ${path(t.source)}): the quota, not the host, is slowing it`,
  ]
}

export const readOwnCgroup = (): {command: string; why: Paragraph} => ({
  command: 'guestview owns',
  why: p`reads this container's own cgroup files: limits, usage, throttling, OOM kills`,
})

export const hostNote = (r: FullReport, source: string, what: string | Paragraph): Paragraph =>
  isVirtual(r, source)
    ? p`${path(source)} is virtualized by lxcfs here: ${what} reflect this container's cgroup`
    : isHost(r, source)
      ? [warn(`${source} is host-wide here`), ...p`: ${what} are the whole host's`]
      : p`${path(source)} is ${scope(r, source)} here`

/**
 * The "(N CPU)" in the header of mpstat, pidstat and sar. sysstat counts the cpuN directories of
 * /sys/devices/system/cpu, which lxcfs does not cover: under lxcfs the header still counts the host's
 * CPUs, while /sys/devices/system/cpu/online (hostCpus here) is lxcfs's view.
 */
export function cpuHeader(r: FullReport): Paragraph {
  const c = r.cpu
  if (isVirtual(r, '/sys/devices/system/cpu/online')) {
    return p`the cpuN directories of /sys/devices/system/cpu, which lxcfs does not cover: still the host's CPUs, though lxcfs shows ${num(c.hostCpus, 'count')} online; you own ${num(c.effectiveCores, 'cores')}`
  }
  return p`the CPUs the kernel has online: ${num(c.hostCpus, 'count')} here, not the ${num(c.effectiveCores, 'cores')} you own`
}

export const cpusetText = (r: FullReport): string => cpuList(r.cpu.cpuset)

export {cmd}
