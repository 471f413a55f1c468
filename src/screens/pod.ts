// The `pod` screen: one section per visible container (its name, then limits, usage, throttling, working set
// against the limit, OOM kills, PIDs and its top findings), after a paragraph saying what can be seen from
// here and why that is all.
import {heading, para, rows, title, type Doc, type Row} from '../doc/blocks.js'
import {cmd, num, p, text, warn, type Inline} from '../doc/tokens.js'
import type {PodContainer, PodReport} from '../report/pod.js'
import {limitValue, processLabel, share, sysrootSuffix} from './common.js'

/** "container 4b5c6d7e8f90 (podman)", "container 4b5c… (containerd), pod 1f2e…, Burstable", or the cgroup. */
export function containerLabel(c: Pick<PodContainer, 'name' | 'cgroupPath'>): string {
  const n = c.name
  const parts: string[] = []
  if (n.containerId) parts.push(`container ${n.containerId.slice(0, 12)}${n.runtime ? ` (${n.runtime})` : ''}`)
  if (n.kubernetes?.podUid) parts.push(`pod ${n.kubernetes.podUid}`)
  if (n.kubernetes?.qosClass) parts.push(n.kubernetes.qosClass)
  if (parts.length === 0) parts.push(`cgroup ${c.cgroupPath ?? 'unknown'}`)
  return parts.join(', ')
}

function headingOf(c: PodContainer): Inline {
  const role = c.self ? 'this container' : c.infra ? 'pause/infra container' : null
  return p`PID ${num(c.pid, 'plain')}: ${processLabel(c)}${role ? ` (${role})` : ''}`
}

function throttled(t: NonNullable<PodContainer['owned']>['cpu']['throttling']): Inline {
  if (!t) return [text('throttling unknown')]
  if (t.throttledPeriods === 0) return p`never throttled (${num(t.periods, 'count')} periods)`
  return [
    warn('throttled'),
    ...p` in ${share(t.throttledPeriods, t.periods)} of periods, ${num(t.throttledSeconds, 'seconds')}`,
  ]
}

function rowsOf(c: PodContainer): Row[] {
  const name: Row = {key: 'name', value: [text(containerLabel(c))], tone: 'dim'}
  if (!c.owned) return [name, {key: 'unreadable', value: [text(c.error ?? 'unknown')], tone: 'warn'}]
  const {cpu, memory, pids} = c.owned
  const ws =
    memory.limit.state === 'limited' && memory.workingSetBytes !== null
      ? p` (${share(memory.workingSetBytes, memory.limit.value)} of the limit)`
      : []
  return [
    name,
    {
      key: 'CPU',
      value: [
        ...limitValue(cpu.limit, 'cores'),
        ...p`; used ${num(cpu.usageSeconds, 'seconds')}; `,
        ...throttled(cpu.throttling),
      ],
      tone: cpu.throttling && cpu.throttling.throttledPeriods > 0 ? 'warn' : 'normal',
    },
    {
      key: 'memory',
      value: [
        ...p`working set ${num(memory.workingSetBytes, 'bytes')} of `,
        ...limitValue(memory.limit, 'bytes'),
        ...ws,
        ...p`; OOM kills ${num(memory.oomKills, 'count')}`,
      ],
      tone: (memory.oomKills ?? 0) > 0 ? 'bad' : 'normal',
    },
    {key: 'pids', value: [...p`${num(pids.current, 'count')} of `, ...limitValue(pids.limit, 'count')]},
    ...c.findings.map((f): Row => ({
      key: 'finding',
      value: f.severity === 'info' ? [text(f.title)] : [warn(`${f.severity.toUpperCase()}:`), ...p` ${f.title}`],
      tone: f.severity === 'crit' ? 'bad' : f.severity === 'warn' ? 'warn' : 'normal',
    })),
  ]
}

export function podDoc(r: PodReport): Doc {
  const n = r.containers.length
  return [
    title(`guestview pod: every container visible from here${sysrootSuffix(r.root)}`),
    para(p`${r.visibility.why}`),
    ...r.containers.flatMap((c) => [heading(headingOf(c)), rows('fit', rowsOf(c))]),
    ...(n === 0 ? [para(p`no container could be listed`)] : []),
    para(p`The whole report of one: ${cmd('guestview --pid PID')} (or ${cmd('guestview owns --pid PID')}).`),
  ]
}
