import * as units from '../../units/units.js'
import {isHost, isVirtual, ownedCpu, reads, scope} from '../common.js'
import {num, p, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const nproc: ToolSpec = {
  tool: 'nproc',
  title: 'nproc',
  aliases: ['getconf _NPROCESSORS_ONLN', 'os.cpus()', 'lscpu'],
  checklist: null,
  run: ['nproc'],
  explain: (r) => {
    const c = r.cpu
    const affinity = c.cpuset?.length ?? c.hostCpus
    return {
      summary: p`The number of CPUs this process may run on: its affinity mask (sched_getaffinity), which follows the cpuset but knows nothing of the CFS quota. getconf, lscpu and os.cpus() read the online CPUs instead.`,
      reads: reads(r, '/sys/devices/system/cpu/online', '/proc/cpuinfo'),
      fields: [
        {
          field: 'the number',
          meaning: p`CPUs in the affinity mask: ${num(affinity, 'count')} here; the quota would allow ${num(c.limit.state === 'limited' ? c.limit.value : null, 'cores')}`,
        },
        {
          field: 'getconf / lscpu / os.cpus()',
          meaning: isVirtual(r, '/sys/devices/system/cpu/online')
            ? p`lxcfs's online CPUs: ${num(c.hostCpus, 'count')} here, computed from your cpuset and quota`
            : isHost(r, '/sys/devices/system/cpu/online')
              ? p`the host's online CPUs: ${num(c.hostCpus, 'count')} here, whatever your cpuset and quota`
              : p`online CPUs: ${num(c.hostCpus, 'count')} (${scope(r, '/sys/devices/system/cpu/online')} here)`,
        },
      ],
      yours: [
        ownedCpu(r),
        c.effectiveCores !== null && affinity !== null && affinity > c.effectiveCores
          ? [
              warn('nproc says more CPUs than you own'),
              ...p`: ${num(affinity, 'count')} against ${num(c.effectiveCores, 'cores')}. Thread pools sized by nproc (GOMAXPROCS before Go 1.25, ForkJoinPool, libuv, nginx worker_processes auto) will oversubscribe and be throttled`,
            ]
          : p`nproc agrees with what you own`,
      ],
      instead: [
        {command: 'guestview owns --json', why: p`cpu.effectiveCores: min(quota, cpuset, online), unrounded`},
        {command: 'node -p "os.availableParallelism()"', why: p`Node's value: the affinity mask, like nproc`},
      ],
      live: {affinityCpus: affinity, hostCpus: c.hostCpus, effectiveCores: c.effectiveCores, limit: c.limit},
    }
  },
  annotate: (line, r) => {
    if (!/^\s*\d+\s*$/.test(line)) return null
    return `CPUs in the affinity mask (cpuset); the quota gives ${units.cores(r.cpu.effectiveCores)}`
  },
}
