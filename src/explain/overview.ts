// `guestview` with no arguments: one screen with what this container owns, the top findings, and which
// common tools lie here, each with the one command to run instead. Built from the same report, findings
// and explanations as the other commands.
import {effectiveCoresBasis} from '../model/cpu.js'
import type {FullReport} from '../report/full.js'
import * as f from '../render/format.js'
import type {Block} from './doc.js'
import {isVirtual} from './common.js'
import {explainWith, TOOLS} from './registry.js'
import {cmd, num, p, warn} from './tokens.js'

export function overviewDoc(r: FullReport, maxFindings = 5): Block[] {
  const c = r.cpu
  const m = r.memory
  const t = c.throttling
  const ws =
    m.limit.state === 'limited' && m.workingSetBytes !== null && m.limit.value > 0
      ? p` (${num((100 * m.workingSetBytes) / m.limit.value, 'percent')} of the limit)`
      : ''
  const blocks: Block[] = [
    {
      b: 'title',
      text: 'guestview: what this container owns, and which numbers lie',
      sub: `cgroup ${r.cgroup.version}, ${r.cgroup.namespace} cgroupns`,
    },
    {b: 'heading', text: 'owned'},
    {
      b: 'pair',
      key: 'CPU',
      tokens: p`${num(c.effectiveCores ?? c.effectiveCoresAtMost, 'cores')}${c.effectiveCores === null ? ' at most' : ''}  (${effectiveCoresBasis(c)})`,
    },
    {
      b: 'pair',
      key: 'cpuset',
      tokens: p`${c.cpuset ? f.cpuList(c.cpuset) : 'not restricted'}; ${num(c.hostCpus, 'count')} CPUs online ${isVirtual(r, '/sys/devices/system/cpu/online') ? "by lxcfs's count" : 'on the host'}`,
    },
    {
      b: 'pair',
      key: 'throttled',
      tokens: t
        ? t.throttledPeriods > 0
          ? [
              warn('yes'),
              ...p`: ${num(t.throttledPeriods, 'count')} of ${num(t.periods, 'count')} periods, ${num(t.throttledSeconds, 'seconds')}`,
            ]
          : p`never (${num(t.periods, 'count')} periods)`
        : p`unknown`,
    },
    {
      b: 'pair',
      key: 'memory limit',
      tokens: m.limit.state === 'limited' ? p`${num(m.limit.value, 'bytes')}` : p`${m.limit.state}`,
    },
    {
      b: 'pair',
      key: 'working set',
      tokens: p`${num(m.workingSetBytes, 'bytes')}${ws}; OOM kills ${num(m.oomKills, 'count')}`,
    },
    {
      b: 'pair',
      key: 'pids',
      tokens: p`${num(r.pids.current, 'count')} of ${r.pids.limit.state === 'limited' ? num(r.pids.limit.value, 'count') : r.pids.limit.state}`,
    },
    {b: 'heading', text: `findings (${r.findings.length}; \`guestview check\` for all)`},
    ...(r.findings.length === 0
      ? [{b: 'para', tokens: p`nothing misleading found`} as Block]
      : r.findings.slice(0, maxFindings).map((x): Block => ({
          b: 'bullet',
          tokens: x.severity === 'info' ? p`${x.title}` : [warn(`${x.severity.toUpperCase()}:`), ...p` ${x.title}`],
        }))),
    {b: 'heading', text: 'tools that show the host here, and what to run instead'},
  ]
  for (const spec of TOOLS) {
    if (!spec.run || spec.tool === 'cgroup') continue
    const e = explainWith(spec, r)
    const hostWide = e.reads.filter((s) => s.scope === 'host').map((s) => shortSource(s.source))
    if (hostWide.length === 0) continue
    // One short line per tool: the guestview command is the portable answer; `explain` has the rest.
    const instead =
      e.instead.find((i) => i.command.startsWith('guestview'))?.command ?? `guestview explain ${spec.tool}`
    blocks.push({b: 'pair', key: spec.tool, tokens: p`${hostWide.join(', ')} host-wide; run ${cmd(instead)}`})
  }
  blocks.push({
    b: 'para',
    tokens: p`Explain one: ${cmd('guestview explain free --run')}. The whole checklist: ${cmd('guestview explain --all')}.`,
  })
  return blocks
}

/** Short names for the one-line tool list: "/proc/meminfo" -> "meminfo", the PID listing by what it is. */
function shortSource(source: string): string {
  if (source === '/proc/<pid>') return 'process list'
  if (source === '/proc/stat' || source === '/proc/vmstat') return source
  return source.replace(/^\/proc\//, '').replace(/^\/sys\/devices\/system\//, '')
}
