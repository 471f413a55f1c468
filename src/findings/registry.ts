// Every finding rule, in the order findings are listed. Ids are stable: scripts and alerts key on them.
import {cpuCountHostWide} from './rules/cpu-count-host-wide.js'
import {cpuThrottled} from './rules/cpu-throttled.js'
import {diskstatsHostWide} from './rules/diskstats-host-wide.js'
import {hiddenAncestorLimit} from './rules/hidden-ancestor-limit.js'
import {dmesgHostOrDenied} from './rules/dmesg-host-or-denied.js'
import {loadAverageHostWide} from './rules/load-average-host-wide.js'
import {meminfoHostWide} from './rules/meminfo-host-wide.js'
import {memoryNearLimit} from './rules/memory-near-limit.js'
import {oomKilled} from './rules/oom-killed.js'
import {perfBlocked} from './rules/perf-blocked.js'
import {pidsNearLimit} from './rules/pids-near-limit.js'
import {pressureHostWide} from './rules/pressure-host-wide.js'
import {uptimeHostWide} from './rules/uptime-host-wide.js'
import {SEVERITY_RANK, type Finding, type FindingContext, type Rule, type Severity} from './types.js'

export const RULES: Rule[] = [
  oomKilled,
  cpuThrottled,
  memoryNearLimit,
  hiddenAncestorLimit,
  pidsNearLimit,
  meminfoHostWide,
  cpuCountHostWide,
  loadAverageHostWide,
  uptimeHostWide,
  diskstatsHostWide,
  pressureHostWide,
  dmesgHostOrDenied,
  perfBlocked,
]

/** Findings, most severe first; rules keep their registry order within a severity. */
export function evaluate(ctx: FindingContext): Finding[] {
  const out = RULES.map((r) => r.evaluate(ctx)).filter((f): f is Finding => f !== null)
  return out.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
}

const TIERS: Severity[] = ['crit', 'warn', 'info']

/**
 * evaluate(ctx).slice(0, n), asking only the rules that can place a finding there: tier by tier, most
 * severe first, the rules whose maxSeverity reaches the tier in registry order, each evaluated once. Once n
 * findings are found, every later rule's finding would come after them, so it is never evaluated, nor the
 * inputs only such rules read (a context whose parts are computed on first use: `guestview pod`'s rows).
 */
export function topFindings(ctx: FindingContext, n: number): Finding[] {
  const done = new Map<Rule, Finding | null>()
  const out: Finding[] = []
  if (n <= 0) return out
  for (const tier of TIERS) {
    for (const rule of RULES) {
      if (SEVERITY_RANK[rule.maxSeverity] < SEVERITY_RANK[tier]) continue
      let f = done.get(rule)
      if (f === undefined) done.set(rule, (f = rule.evaluate(ctx)))
      // Every later finding of this tier, and of the tiers below, comes after these n.
      if (f?.severity === tier && out.push(f) >= n) return out
    }
  }
  return out
}
