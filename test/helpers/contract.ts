// The stable JSON contract of `owns --json` (issue 2), projected out of a report so scenario tests compare
// exactly those paths with fixtures/<name>/expected.json. Limit reasons are free text: only their presence
// is compared (reason: true); an unknown limit's kind (absent, unsupported, denied, malformed) is compared.
import type {Limit} from '../../src/model/limit.js'
import type {OwnsReport} from '../../src/report/owns.js'

const lim = (l: Limit) => ({
  state: l.state,
  value: l.value,
  source: l.source,
  ...(l.state === 'unknown' ? {reason: l.reason.length > 0, kind: l.kind} : {}),
})

export function contractView(r: OwnsReport) {
  return {
    schemaVersion: r.schemaVersion,
    cgroup: {version: r.cgroup.version, path: r.cgroup.path, namespace: r.cgroup.namespace},
    cpu: {
      limit: lim(r.cpu.limit),
      quotaUs: r.cpu.quotaUs,
      periodUs: r.cpu.periodUs,
      shares: r.cpu.shares,
      weight: r.cpu.weight,
      cpuset: r.cpu.cpuset,
      hostCpus: r.cpu.hostCpus,
      effectiveCores: r.cpu.effectiveCores,
      usageSeconds: r.cpu.usageSeconds,
      throttling: r.cpu.throttling && {
        periods: r.cpu.throttling.periods,
        throttledPeriods: r.cpu.throttling.throttledPeriods,
        throttledSeconds: r.cpu.throttling.throttledSeconds,
      },
    },
    memory: {
      limit: lim(r.memory.limit),
      usageBytes: r.memory.usageBytes,
      workingSetBytes: r.memory.workingSetBytes,
      oomKills: r.memory.oomKills,
    },
    pids: {limit: lim(r.pids.limit), current: r.pids.current},
  }
}
