// Builds the `owns` report: the JSON contract of `guestview owns --json` (schemaVersion 1). Later
// commands extend this same object. Pure composition: every value below comes from a model reader.
import {nanoid} from 'nanoid'
import {discover, hierarchyFor, type Found} from '../cgroup/discover.js'
import {readCpu, type CpuOwned} from '../model/cpu.js'
import {readHostMemory} from '../model/host.js'
import {readIo, type IoOwned} from '../model/io.js'
import {readMemory, type MemoryOwned} from '../model/memory.js'
import {readPids, type PidsOwned} from '../model/pids.js'
import {readPressure, type PressureOwned} from '../model/pressure.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {withNote, type Limit} from '../model/limit.js'

export const SCHEMA_VERSION = 1

const HIDDEN_NOTE =
  'private cgroup namespace: cgroups above its root (a pod-level limit, say) are invisible from here, so a tighter limit may be set there'

/** In a private cgroup namespace an "unlimited" may hide an ancestor's limit: say so next to it. */
function hiddenAncestors<T extends {limit: Limit}>(d: Found, owned: T): T {
  if (d.namespace !== 'private' || owned.limit.state !== 'unlimited') return owned
  return {...owned, limit: withNote(owned.limit, HIDDEN_NOTE)}
}

export type OwnsReport = {
  schemaVersion: typeof SCHEMA_VERSION
  id: string
  collectedAt: string
  root: string
  cgroup: {
    version: 'v1' | 'v2' | 'hybrid' | 'unknown'
    path: string | null
    namespace: 'private' | 'host' | 'unknown'
    namespaceEvidence: string
    hierarchies: {
      version: string
      controllers: string[]
      mountPoint: string
      mountRoot: string
      cgroupPath: string
      dir: string | null
      problem?: string
    }[]
    notes: string[]
  }
  cpu: CpuOwned
  memory: MemoryOwned
  pids: PidsOwned
  io: IoOwned
  pressure: PressureOwned
  host: {memTotalBytes: number | null; meminfoVirtualized: boolean; memTotalSource: string}
}

export function buildOwns(sys: Sysroot, now: Date = new Date()): OwnsReport {
  return buildOwnsFrom(sys, discover(sys), now)
}

/** For callers that need the discovery too (the full report): discover once, build from it. */
export function buildOwnsFrom(sys: Sysroot, d: Found, now: Date): OwnsReport {
  const host = readHostMemory(sys, d.mounts)
  return {
    schemaVersion: SCHEMA_VERSION,
    id: nanoid(),
    collectedAt: now.toISOString(),
    root: sys.rootDir,
    cgroup: {
      version: d.version,
      path: d.path,
      namespace: d.namespace,
      namespaceEvidence: d.namespaceEvidence,
      hierarchies: d.hierarchies,
      notes: host.problem ? [...d.notes, host.problem] : d.notes,
    },
    cpu: hiddenAncestors(d, readCpu(sys, d)),
    // v1 memory.stat's hierarchical_memory_limit already includes hidden ancestors: no note needed there.
    memory:
      hierarchyFor(d, 'memory')?.version === 'v1'
        ? readMemory(sys, d, host)
        : hiddenAncestors(d, readMemory(sys, d, host)),
    pids: hiddenAncestors(d, readPids(sys, d)),
    io: readIo(sys, d),
    pressure: readPressure(sys, d),
    host: {memTotalBytes: host.memTotalBytes, meminfoVirtualized: host.meminfoVirtualized, memTotalSource: host.source},
  }
}
