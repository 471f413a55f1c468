import type {HiddenReadings} from '../model/hidden.js'
import type {HostView} from '../model/hostview.js'
import type {Owned} from '../model/owned.js'
import type {DmesgProbe} from '../probes/dmesg.js'
import type {PerfProbe} from '../probes/perf.js'
import type {ProcessProbe} from '../probes/process.js'
import type {View} from '../views/types.js'

export type Severity = 'info' | 'warn' | 'crit'
export const SEVERITY_RANK: Record<Severity, number> = {info: 0, warn: 1, crit: 2}

export type Finding = {
  id: string
  severity: Severity
  /** One line: what the host view says beside what the container owns. */
  title: string
  host: unknown
  owned: unknown
  advice: string
  /** The files or probes the finding rests on. */
  sources: string[]
}

export type FindingContext = {
  owns: Owned
  /** Each catalogue source's view (a Map, or a lookup that classifies a source when first asked: report/pod-row.ts). */
  views: {get(source: string): View | undefined}
  host: HostView
  process: ProcessProbe
  perf: PerfProbe
  dmesg: DmesgProbe
  /** What the hidden-ancestor evidence rests on; absent where a context is rebuilt from a report alone. */
  hidden?: HiddenReadings
}

export type Rule = {
  id: string
  summary: string
  /** The most severe finding the rule can give: topFindings (registry.ts) skips rules that cannot reach a tier. */
  maxSeverity: Severity
  evaluate: (ctx: FindingContext) => Finding | null
}
