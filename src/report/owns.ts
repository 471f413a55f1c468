// Builds the `owns` report: the JSON contract of `guestview owns --json` (schemaVersion 1). Later
// commands extend this same object. Pure composition: every value below comes from a model reader.
import {nanoid} from 'nanoid'
import {discover, type Found} from '../cgroup/discover.js'
import {readCpu, type CpuOwned} from '../model/cpu.js'
import {readHostMemory} from '../model/host.js'
import {readIo, type IoOwned} from '../model/io.js'
import {readMemory, type MemoryOwned} from '../model/memory.js'
import {readPids, type PidsOwned} from '../model/pids.js'
import {readPressure, type PressureOwned} from '../model/pressure.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export const SCHEMA_VERSION = 1

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
    hierarchies: {version: string; controllers: string[]; mountPoint: string; mountRoot: string; cgroupPath: string; dir: string | null; problem?: string}[]
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
    cpu: readCpu(sys, d),
    memory: readMemory(sys, d, host),
    pids: readPids(sys, d),
    io: readIo(sys, d),
    pressure: readPressure(sys, d),
    host: {memTotalBytes: host.memTotalBytes, meminfoVirtualized: host.meminfoVirtualized, memTotalSource: host.source},
  }
}
