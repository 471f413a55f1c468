// What the container owns, as one object: the body of `owns --json` (report/owns.ts adds the envelope and
// `debug`), and what findings, explanations and renderers read. It lives in model/ so that findings can
// name it without importing report/ (which imports findings).
import type {Found, Hierarchy} from '../cgroup/discover.js'
import type {CpuOwned} from './cpu.js'
import type {IoOwned} from './io.js'
import type {MemoryOwned} from './memory.js'
import type {PidsOwned} from './pids.js'
import type {PressureOwned} from './pressure.js'

export type CgroupOwned = Pick<Found, 'version' | 'path' | 'namespace' | 'namespaceEvidence' | 'notes'> & {
  hierarchies: Hierarchy[]
}

export type HostOwned = {memTotalBytes: number | null; meminfoVirtualized: boolean; memTotalSource: string}

export type Owned = {
  cgroup: CgroupOwned
  cpu: CpuOwned
  memory: MemoryOwned
  pids: PidsOwned
  io: IoOwned
  pressure: PressureOwned
  host: HostOwned
}
