// docker stats and kubectl top run on the host (or the API server), not in a guest: they cannot be run
// here, but they compute from the same cgroup files guestview reads, so the explanation shows the inputs.
import {ownedCpuUse, ownedMemory, throttleLine} from '../common.js'
import {num, p, path} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const dockerStats: ToolSpec = {
  tool: 'docker stats',
  title: 'docker stats',
  aliases: ['podman stats', 'docker stats --no-stream'],
  checklist: null,
  run: null,
  explain: (r) => ({
    summary: p`Runs on the host against the container's cgroup: CPU % = (Δ container CPU time / Δ host CPU time) × online CPUs × 100, so 150% is 1.5 cores; MEM USAGE = usage - inactive file cache; LIMIT = the memory limit, or the host's memory when there is none.`,
    reads: [
      {
        source: 'cgroup files (from the host)',
        scope: 'cgroup',
        evidence: 'dockerd reads the same cgroup files guestview reads, from outside',
      },
    ],
    fields: [
      {
        field: 'CPU %',
        meaning: p`up to ${num(r.cpu.effectiveCores !== null ? r.cpu.effectiveCores * 100 : null, 'percent')} for this container's ${num(r.cpu.effectiveCores, 'cores')}; 100% is one core, not the whole host`,
      },
      {
        field: 'MEM USAGE / LIMIT',
        meaning: p`${num(r.memory.workingSetBytes, 'bytes')} / ${r.memory.limit.state === 'limited' ? num(r.memory.limit.value, 'bytes') : num(r.host.memTotalBytes, 'bytes')} from here`,
      },
      {field: 'PIDS', meaning: p`pids.current: ${num(r.pids.current, 'count')}`},
    ],
    yours: [ownedMemory(r), ownedCpuUse(r), throttleLine(r)],
    instead: [{command: 'guestview owns --json', why: p`the same inputs from inside, with the file each came from`}],
    live: {
      workingSetBytes: r.memory.workingSetBytes,
      limit: r.memory.limit,
      effectiveCores: r.cpu.effectiveCores,
      pidsCurrent: r.pids.current,
    },
  }),
}

export const kubectlTop: ToolSpec = {
  tool: 'kubectl top',
  title: 'kubectl top pod',
  aliases: ['kubectl top pod', 'kubectl top pods'],
  checklist: null,
  run: null,
  explain: (r) => ({
    summary: p`Served by metrics-server from the kubelet (cAdvisor): CPU is the rate of the cgroup's usage counter in millicores over its sampling window; MEMORY is the working set, usage - inactive_file. Eviction and OOM decisions use the same working set.`,
    reads: [
      {
        source: 'cgroup files (via kubelet)',
        scope: 'cgroup',
        evidence: 'the kubelet reads the pod and container cgroups from the node',
      },
    ],
    fields: [
      {
        field: 'CPU(cores)',
        meaning: p`millicores averaged over ~15 s; compare with the limit of ${num(r.cpu.limit.state === 'limited' ? r.cpu.limit.value * 1000 : null)}m`,
      },
      {
        field: 'MEMORY(bytes)',
        meaning: p`working set: ${num(r.memory.workingSetBytes, 'bytes')} here (${path(r.memory.sources.workingSetBytes ?? '')})`,
      },
    ],
    yours: [ownedMemory(r), throttleLine(r)],
    instead: [
      {command: 'guestview owns --json', why: p`memory.workingSetBytes is the same definition, read now from inside`},
    ],
    live: {workingSetBytes: r.memory.workingSetBytes, limit: r.memory.limit, cpuLimit: r.cpu.limit},
  }),
}
