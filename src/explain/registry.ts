// Every tool guestview explains, in the order of the talk's 60-second checklist, then the others.
import {cgroupFiles} from './tools/cgroup-files.js'
import {df} from './tools/df.js'
import {dmesg} from './tools/dmesg.js'
import {free} from './tools/free.js'
import {dockerStats, kubectlTop} from './tools/host-side.js'
import {iostat} from './tools/iostat.js'
import {mpstat} from './tools/mpstat.js'
import {nproc} from './tools/nproc.js'
import {perf} from './tools/perf.js'
import {pidstat} from './tools/pidstat.js'
import {ps} from './tools/ps.js'
import {sarDev, sarTcp} from './tools/sar-net.js'
import {top} from './tools/top.js'
import {uptime} from './tools/uptime.js'
import {vmstat} from './tools/vmstat.js'
import type {FullReport} from '../report/full.js'
import type {Explanation, ToolSpec} from './types.js'

export const TOOLS: ToolSpec[] = [
  uptime,
  dmesg,
  vmstat,
  mpstat,
  pidstat,
  iostat,
  free,
  sarDev,
  sarTcp,
  top,
  ps,
  nproc,
  df,
  perf,
  dockerStats,
  kubectlTop,
  cgroupFiles,
]

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Tool names as people type them: "sar" gives both sar views, "sar -n DEV 1" the one, "free -h" free.
 * Matching: exact tool or alias first; then a family prefix ("sar" matches every "sar ..." tool); then the
 * first word with its interval/count arguments dropped ("vmstat 1 5" -> vmstat).
 */
export function findTools(query: string): ToolSpec[] {
  const q = norm(query)
  if (q === '') return []
  const exact = TOOLS.filter((t) => norm(t.tool) === q || t.aliases.some((a) => norm(a) === q) || norm(t.title) === q)
  if (exact.length > 0) return exact
  const family = TOOLS.filter((t) => norm(t.tool).startsWith(q + ' '))
  if (family.length > 0) return family
  const noCounts = q.replace(/(\s+\d+)+$/, '')
  if (noCounts !== q) return findTools(noCounts)
  const prefix = TOOLS.filter((t) => q.startsWith(norm(t.tool) + ' '))
  return prefix.length === 1 ? prefix : []
}

export function toolNames(): string[] {
  return TOOLS.map((t) => t.tool)
}

/** A tool's explanation for this report, with its name, title and checklist step from the spec. */
export function explainWith(spec: ToolSpec, r: FullReport): Explanation {
  return {tool: spec.tool, title: spec.title, checklist: spec.checklist, ...spec.explain(r)}
}
