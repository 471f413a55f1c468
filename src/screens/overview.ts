// `guestview` with no arguments: one screen with what this container owns, the top findings, and which
// common tools lie here, each with the one command to run instead. Built from the same report, findings
// and explanations as the other commands.
import {bullets, heading, para, rows, title, type Doc, type Row} from '../doc/blocks.js'
import {cmd, line, list, num, p, text, warn} from '../doc/tokens.js'
import {isVirtual} from '../explain/common.js'
import {explainWith, TOOLS} from '../explain/registry.js'
import {effectiveCoresBasis} from '../model/cpu.js'
import type {FullReport} from '../report/full.js'
import {cpuList} from '../units/units.js'
import {limitValue, share, targetBlocks, whose} from './common.js'

function ownedRows(r: FullReport): Row[] {
  const c = r.cpu
  const m = r.memory
  const t = c.throttling
  const ws =
    m.limit.state === 'limited' && m.workingSetBytes !== null && m.limit.value > 0
      ? p` (${share(m.workingSetBytes, m.limit.value)} of the limit)`
      : ''
  return [
    {
      key: 'CPU',
      value: p`${num(c.effectiveCores ?? c.effectiveCoresAtMost, 'cores')}${c.effectiveCores === null ? ' at most' : ''}  (${effectiveCoresBasis(c)})`,
    },
    {
      key: 'cpuset',
      value: p`${c.cpuset ? cpuList(c.cpuset) : 'not restricted'}; ${num(c.hostCpus, 'count')} CPUs online ${isVirtual(r, '/sys/devices/system/cpu/online') ? "by lxcfs's count" : 'on the host'}`,
    },
    {
      key: 'throttled',
      value: t
        ? t.throttledPeriods > 0
          ? [
              warn('yes'),
              ...p`: ${num(t.throttledPeriods, 'count')} of ${num(t.periods, 'count')} periods, ${num(t.throttledSeconds, 'seconds')}`,
            ]
          : p`never (${num(t.periods, 'count')} periods)`
        : [text('unknown')],
    },
    {key: 'memory limit', value: m.limit.state === 'limited' ? limitValue(m.limit, 'bytes') : [text(m.limit.state)]},
    {key: 'working set', value: p`${num(m.workingSetBytes, 'bytes')}${ws}; OOM kills ${num(m.oomKills, 'count')}`},
    {
      key: 'pids',
      value: p`${num(r.pids.current, 'count')} of ${r.pids.limit.state === 'limited' ? num(r.pids.limit.value, 'count') : r.pids.limit.state}`,
    },
  ]
}

/** One short line per tool that reads a host-wide source here: the guestview command is the portable answer. */
function lyingToolRows(r: FullReport): Row[] {
  const out: Row[] = []
  for (const spec of TOOLS) {
    if (!spec.run || spec.tool === 'cgroup') continue
    const e = explainWith(spec, r)
    const hostWide = e.reads.filter((s) => s.scope === 'host').map((s) => shortSource(s.source))
    if (hostWide.length === 0) continue
    const instead =
      e.instead.find((i) => i.command.startsWith('guestview'))?.command ?? `guestview explain ${spec.tool}`
    out.push({key: spec.tool, value: line`${list(hostWide)} host-wide; run ${cmd(instead)}`})
  }
  return out
}

export function overviewDoc(r: FullReport, maxFindings = 5): Doc {
  return [
    title(
      `guestview: what ${whose(r.target)} owns, and which numbers lie`,
      `cgroup ${r.cgroup.version}, ${r.cgroup.namespace} cgroupns`,
    ),
    ...targetBlocks(r.target),
    heading('owned'),
    rows('column', ownedRows(r)),
    heading(p`findings (${num(r.findings.length, 'count')}; ${cmd('guestview check')} for all)`),
    r.findings.length === 0
      ? para(p`nothing misleading found`)
      : bullets(
          r.findings
            .slice(0, maxFindings)
            .map((x) =>
              x.severity === 'info' ? p`${x.title}` : [warn(`${x.severity.toUpperCase()}:`), ...p` ${x.title}`],
            ),
        ),
    heading('tools that show the host here, and what to run instead'),
    rows('column', lyingToolRows(r)),
    para(
      p`Explain one: ${cmd('guestview explain free --run')}. The whole checklist: ${cmd('guestview explain --all')}.`,
    ),
  ]
}

/** Short names for the one-line tool list: "/proc/meminfo" -> "meminfo", the PID listing by what it is. */
function shortSource(source: string): string {
  if (source === '/proc/<pid>') return 'process list'
  if (source === '/proc/stat' || source === '/proc/vmstat') return source
  return source.replace(/^\/proc\//, '').replace(/^\/sys\/devices\/system\//, '')
}
