import {num, p, warn} from '../../doc/tokens.js'
import type {PerfProbe} from '../../probes/perf.js'
import type {SourceScope} from '../types.js'
import type {ToolSpec} from '../types.js'

const PERF_SCOPE: Record<PerfProbe['verdict'], SourceScope['scope']> = {
  blocked: 'unavailable',
  permitted: 'host',
  restricted: 'namespaced',
  unknown: 'unknown',
}

export const perf: ToolSpec = {
  tool: 'perf',
  title: 'perf',
  aliases: ['perf record', 'perf top', 'perf stat'],
  checklist: null,
  run: ['perf', 'stat', '-e', 'task-clock', '--', 'true'],
  explain: (r) => {
    const pr = r.probes.perf
    return {
      summary: p`CPU profiling and tracing through perf_event_open(2). In containers it usually fails: the runtime's seccomp profile blocks the syscall without CAP_SYS_ADMIN or CAP_PERFMON, and perf_event_paranoid limits the rest.`,
      // Blocked: unavailable. Permitted: perf sees the host kernel's events (-a records every CPU of the host).
      reads: [{source: 'perf_event_open(2)', scope: PERF_SCOPE[pr.verdict], evidence: pr.why}],
      fields: [
        {
          field: 'perf_event_paranoid',
          meaning: p`${num(pr.paranoid)}: -1 all, 0 no raw tracepoints, 1 no CPU-wide, 2 user space only, 3+ (Debian) nothing unprivileged`,
        },
        {
          field: 'kptr_restrict',
          meaning: p`${num(pr.kptrRestrict)}: 1 or 2 hides kernel addresses, so kernel frames show as unknown`,
        },
        {field: 'seccomp', meaning: p`${r.probes.process.seccomp ?? 'unknown'}: "filter" means a profile is active`},
      ],
      yours: [
        pr.verdict === 'permitted' ? p`${pr.why}` : [warn(`perf is ${pr.verdict} here (inferred)`), ...p`: ${pr.why}`],
      ],
      instead: [
        {
          command: 'perf record -F 99 -a -g -G <cgroup> -- sleep 10',
          why: p`from the host, for this container's cgroup only`,
        },
        {command: 'guestview owns', why: p`usage and throttling tell CPU-bound from throttled without a profiler`},
      ],
      live: {
        verdict: pr.verdict,
        paranoid: pr.paranoid,
        kptrRestrict: pr.kptrRestrict,
        seccomp: r.probes.process.seccomp,
        capabilities: r.probes.process.capabilities,
      },
    }
  },
  annotate: (line) =>
    /not permitted|Permission denied|perf_event_paranoid/.test(line)
      ? 'blocked as predicted: see the explanation above'
      : null,
}
