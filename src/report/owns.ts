// Builds the `owns` report: the JSON contract of `guestview owns --json` (schemaVersion 2). Later commands
// extend this same object. Pure composition: every value below comes from a model reader, which reads
// through the controllers the factory picked for this layout.
import {nanoid} from 'nanoid'
import {discover, type Found} from '../cgroup/discover.js'
import {controllersFor} from '../cgroup/factory.js'
import {readCpu, type CpuFields} from '../model/cpu.js'
import {unknownsOf, type LevelOut, type Unknowns} from '../model/fields.js'
import {readHostMemory} from '../model/host.js'
import {readIo} from '../model/io.js'
import {withNote, type Limit} from '../model/limit.js'
import {readMemory, type MemoryFields} from '../model/memory.js'
import type {Owned} from '../model/owned.js'
import {readPids} from '../model/pids.js'
import {readPressure} from '../model/pressure.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {readTarget, type Target} from '../target/target.js'

/** 2: levels, problems and the prose effectiveCoresBasis moved under `debug`; hostView.memTotalBytes went. */
export const SCHEMA_VERSION = 2

const HIDDEN_NOTE =
  'private cgroup namespace: cgroups above its root (a pod-level limit, say) are invisible from here, so a tighter limit may be set there'

/** In a private cgroup namespace an "unlimited" may hide an ancestor's limit: say so next to it. */
function hiddenAncestors<T extends {limit: Limit}>(d: Found, owned: T, seesAncestors = false): T {
  if (d.namespace !== 'private' || owned.limit.state !== 'unlimited' || seesAncestors) return owned
  return {...owned, limit: withNote(owned.limit, HIDDEN_NOTE)}
}

/**
 * Internals that are not contract: why each null value is null (`unknown`, keyed by its place in the report),
 * and every level of each ancestor walk with the Field read there (`levels`). Shapes may change between
 * versions without a schemaVersion bump.
 */
export type Debug = {unknown: Unknowns; levels: {cpu: LevelOut[]; memory: LevelOut[]; pids: LevelOut[]}}

export type OwnsReport = {
  schemaVersion: typeof SCHEMA_VERSION
  id: string
  collectedAt: string
  root: string
  /** The process described: guestview's own, or `--pid`'s (its cgroup, limits and views are the report's). */
  target: Target
} & Owned & {debug: Debug}

/** The counters `diagnose` samples, as Fields, from the same reads as the report. */
export type Counters = {cpu: CpuFields; memory: MemoryFields}

export function buildOwns(sys: Sysroot, now: Date = new Date()): OwnsReport {
  return buildOwnsFrom(sys, discover(sys), now)
}

/** For callers that need the discovery too (the full report): discover once, build from it. */
export function buildOwnsFrom(sys: Sysroot, d: Found, now: Date): OwnsReport {
  return buildOwnsWithCounters(sys, d, now).report
}

export function buildOwnsWithCounters(sys: Sysroot, d: Found, now: Date): {report: OwnsReport; counters: Counters} {
  const host = readHostMemory(sys, d.mounts)
  const c = controllersFor(sys, d, host)
  const cpu = readCpu(sys, c.cpu)
  const memory = readMemory(c.memory)
  const pids = readPids(c.pids)
  const io = readIo(c.io)
  const report: OwnsReport = {
    schemaVersion: SCHEMA_VERSION,
    id: nanoid(),
    collectedAt: now.toISOString(),
    root: sys.rootDir,
    target: readTarget(sys),
    cgroup: {
      version: d.version,
      path: d.path,
      namespace: d.namespace,
      namespaceEvidence: d.namespaceEvidence,
      hierarchies: d.hierarchies,
      notes: d.notes,
    },
    cpu: hiddenAncestors(d, cpu.owned),
    // v1 memory.stat's hierarchical_memory_limit already includes hidden ancestors: no note needed there.
    memory: hiddenAncestors(d, memory.owned, c.memory.seesHiddenAncestors),
    pids: hiddenAncestors(d, pids.owned),
    io: io.owned,
    pressure: readPressure(sys, d),
    host: {memTotalBytes: host.memTotalBytes, meminfoVirtualized: host.meminfoVirtualized, memTotalSource: host.source},
    debug: {
      unknown: {
        ...cpu.unknown,
        ...memory.unknown,
        ...pids.unknown,
        ...io.unknown,
        ...unknownsOf('host', {memTotalBytes: host.memTotal}),
      },
      levels: {cpu: cpu.levels, memory: memory.levels, pids: pids.levels},
    },
  }
  return {report, counters: {cpu: cpu.fields, memory: memory.fields}}
}
