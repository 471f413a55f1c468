import type {FullReport} from '../../report/full.js'
import {ownedCpu, ownedMemory, reads, throttleLine} from '../common.js'
import {p, path} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

/** The key files of this container's cgroup, for `cat` (paths come from the report, never from the user). */
export function keyFiles(r: FullReport): string[] {
  const files = [
    r.cpu.limit.source,
    r.cpu.throttling?.source,
    r.memory.limit.source,
    r.memory.sources.oomKills,
    r.pids.limit.source,
  ]
  return [...new Set(files.filter((x): x is string => typeof x === 'string' && x.startsWith('/') && !x.includes(' ')))]
}

export const cgroupFiles: ToolSpec = {
  tool: 'cgroup',
  title: 'the cgroup files',
  aliases: ['cgroup files', 'cat cgroup', 'cgroups'],
  checklist: null,
  run: ['cat'], // completed with keyFiles(report) by the runner
  explain: (r) => ({
    summary: p`The container's own truth: the kernel's accounting and limits for this cgroup (${r.cgroup.version}). Read them directly; every number guestview shows names the file it came from.`,
    reads: reads(r, 'cgroup files'),
    fields:
      r.cgroup.version === 'v2'
        ? [
            {field: 'cpu.max', meaning: p`"$QUOTA $PERIOD" in µs; "max" = no limit. Cores = quota / period`},
            {field: 'cpu.stat', meaning: p`usage_usec; nr_periods, nr_throttled, throttled_usec (µs)`},
            {
              field: 'memory.max / memory.high / memory.current',
              meaning: p`hard limit, throttling threshold, usage (bytes)`,
            },
            {field: 'memory.events', meaning: p`oom, oom_kill counts`},
            {field: 'pids.max / pids.current', meaning: p`task limit and count`},
            {
              field: 'cpu.pressure / memory.pressure / io.pressure',
              meaning: p`PSI of this cgroup: % of time some/all tasks stalled`,
            },
          ]
        : [
            {field: 'cpu.cfs_quota_us / cpu.cfs_period_us', meaning: p`quota and period in µs; -1 = no limit`},
            {field: 'cpu.stat', meaning: p`nr_periods, nr_throttled, throttled_time (NANOseconds)`},
            {field: 'cpuacct.usage', meaning: p`CPU time used, nanoseconds`},
            {
              field: 'memory.limit_in_bytes',
              meaning: p`the limit; 9223372036854771712 (LONG_MAX rounded to the page) means none`,
            },
            {
              field: 'memory.usage_in_bytes / memory.stat',
              meaning: p`usage with page cache; total_inactive_file gives the working set`,
            },
            {field: 'memory.oom_control', meaning: p`oom_kill count (kernel 4.13+)`},
          ],
    yours: [ownedCpu(r), throttleLine(r), ownedMemory(r), ...keyFiles(r).map((file) => p`${path(file)}`)],
    instead: [
      {
        command: 'guestview owns',
        why: p`all of them at once, ancestors included, tagged limited / unlimited / unknown`,
      },
    ],
    live: {files: keyFiles(r), version: r.cgroup.version},
  }),
}
