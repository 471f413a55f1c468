// Builds the `owns` report: the JSON contract of `guestview owns --json` (schemaVersion 2). Later commands
// extend this same object. Pure composition: every value below comes from a model reader, which reads
// through the controllers the factory picked for this layout.
import {nanoid} from 'nanoid'
import {discover, hierarchyFor, type Found} from '../cgroup/discover.js'
import {hiddenAncestors} from '../cgroup/hidden.js'
import {controllersFor} from '../cgroup/factory.js'
import {readCpu, type CpuFields, type CpuOwned} from '../model/cpu.js'
import {unknownsOf, type LevelOut, type Unknowns} from '../model/fields.js'
import {readHidden, type HiddenReadings} from '../model/hidden.js'
import type {Controllers} from '../cgroup/controllers.js'
import {readHostMemory} from '../model/host.js'
import {readIo} from '../model/io.js'
import {withHiddenAncestors} from '../model/limit.js'
import {readMemory, type MemoryFields, type MemoryOwned} from '../model/memory.js'
import type {Owned} from '../model/owned.js'
import {readPids, type PidsFields, type PidsOwned} from '../model/pids.js'
import {readPressure} from '../model/pressure.js'
import {fileProblems} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {readTarget, type Target} from '../target/target.js'
import {isoTime} from '../units/iso-time.js'

/** 2: levels, problems and the prose effectiveCoresBasis moved under `debug`; hostView.memTotalBytes went. */
export const SCHEMA_VERSION = 2

/**
 * Where cgroups above the visible top may hold tighter limits, every limit walked in that hierarchy says
 * so (cgroup/hidden.ts). v1's hierarchical_memory_limit already includes hidden ancestors: no caveat there.
 */
function hiddenCaveats(
  sys: Sysroot,
  d: Found,
  cpu: CpuOwned,
  memory: MemoryOwned,
  pids: PidsOwned,
  memorySeesAncestors: boolean,
): {cpu: CpuOwned; memory: MemoryOwned; pids: PidsOwned} {
  const of = (controller: string) => hiddenAncestors(sys, d, hierarchyFor(d, controller))
  const cpuH = of('cpu')
  const memH = of('memory')
  const pidsH = of('pids')
  return {
    cpu: {...cpu, limit: withHiddenAncestors(cpu.limit, cpuH)},
    memory: {
      ...memory,
      limit: withHiddenAncestors(memory.limit, memorySeesAncestors ? null : memH),
      high: memory.high && withHiddenAncestors(memory.high, memH),
      swapLimit: withHiddenAncestors(memory.swapLimit, memH),
    },
    pids: {...pids, limit: withHiddenAncestors(pids.limit, pidsH)},
  }
}

/**
 * Internals that are not contract: why each null value is null (`unknown`, keyed by its place in the report),
 * every level of each ancestor walk with the Field read there (`levels`), and the lines of files that could
 * not be read while the rest of the file was (`problems`). Shapes may change between
 * versions without a schemaVersion bump.
 */
export type Debug = {
  unknown: Unknowns
  levels: {cpu: LevelOut[]; memory: LevelOut[]; pids: LevelOut[]}
  /** Lines that could not be read in files whose other lines were (their values stand), one per bad line. */
  problems: {path: string; reason: string}[]
}

export type OwnsReport = {
  schemaVersion: typeof SCHEMA_VERSION
  id: string
  collectedAt: string
  root: string
  /** The process described: guestview's own, or `--pid`'s (its cgroup, limits and views are the report's). */
  target: Target
} & Owned & {debug: Debug}

/** The counters `diagnose` samples, as Fields from the same reads as the report, and what the hidden-ancestor
 * evidence rests on (model/hidden.ts). */
export type Counters = {cpu: CpuFields; memory: MemoryFields; pids: PidsFields; hidden: HiddenReadings}

export function buildOwns(sys: Sysroot, now: Date = new Date()): OwnsReport {
  return buildOwnsFrom(sys, discover(sys), now)
}

/** For callers that need the discovery too (the full report): discover once, build from it. */
export function buildOwnsFrom(sys: Sysroot, d: Found, now: Date): OwnsReport {
  // No counters: `owns` prints none, and the hidden-ancestor ones read files of their own (cpu.stat.local...).
  return ownsReport(sys, readOwnedExceptIo(sys, d), now)
}

/** What every reader of Owned needs but io, from one discovery, with the readings behind it. */
export type OwnedReadings = {
  owned: Omit<Owned, 'io'>
  controllers: Controllers
  cpu: ReturnType<typeof readCpu>
  memory: ReturnType<typeof readMemory>
  pids: ReturnType<typeof readPids>
  host: ReturnType<typeof readHostMemory>
}

/**
 * Owned but io (the report reads io at once; `guestview pod`'s rows only when a finding asks: report/pod-row.ts),
 * and the counters the hidden-ancestor evidence rests on, from the same reads.
 */
export function readOwnedExceptIo(sys: Sysroot, d: Found): OwnedReadings {
  const host = readHostMemory(sys, d.mounts)
  const c = controllersFor(sys, d, host)
  const cpu = readCpu(sys, c.cpu)
  const memory = readMemory(c.memory)
  const pids = readPids(c.pids)
  const pressure = readPressure(sys, d)
  const caveated = hiddenCaveats(sys, d, cpu.owned, memory.owned, pids.owned, c.memory.seesHiddenAncestors)
  return {
    owned: {
      cgroup: {
        version: d.version,
        path: d.path,
        namespace: d.namespace,
        namespaceEvidence: d.namespaceEvidence,
        hierarchies: d.hierarchies,
        notes: d.notes,
      },
      cpu: caveated.cpu,
      memory: caveated.memory,
      pids: caveated.pids,
      pressure,
      host: {
        memTotalBytes: host.memTotalBytes,
        meminfoVirtualized: host.meminfoVirtualized,
        memTotalSource: host.source,
      },
    },
    controllers: c,
    cpu,
    memory,
    pids,
    host,
  }
}

/** The hidden-ancestor counters (model/hidden.ts) of readings made by readOwnedExceptIo. */
export function hiddenOf(sys: Sysroot, d: Found, r: OwnedReadings): HiddenReadings {
  return readHidden(sys, d, r.controllers, r.cpu.owned, r.memory.owned, r.owned.pressure)
}

export function buildOwnsWithCounters(sys: Sysroot, d: Found, now: Date): {report: OwnsReport; counters: Counters} {
  const r = readOwnedExceptIo(sys, d)
  const report = ownsReport(sys, r, now)
  const counters = {cpu: r.cpu.fields, memory: r.memory.fields, pids: r.pids.fields, hidden: hiddenOf(sys, d, r)}
  return {report, counters}
}

/** The report from readings made by readOwnedExceptIo (io is read here); its `problems` are those of the reads so far. */
function ownsReport(sys: Sysroot, r: OwnedReadings, now: Date): OwnsReport {
  const io = readIo(r.controllers.io)
  const {cgroup, cpu, memory, pids, pressure, host} = r.owned
  return {
    schemaVersion: SCHEMA_VERSION,
    id: nanoid(),
    collectedAt: isoTime(now),
    root: sys.rootDir,
    target: readTarget(sys),
    cgroup,
    cpu,
    memory,
    pids,
    io: io.owned,
    pressure,
    host,
    debug: {
      unknown: {
        ...r.cpu.unknown,
        ...r.memory.unknown,
        ...r.pids.unknown,
        ...io.unknown,
        ...unknownsOf('host', {memTotalBytes: r.host.memTotal}),
      },
      levels: {cpu: r.cpu.levels, memory: r.memory.levels, pids: r.pids.levels},
      problems: fileProblems(sys),
    },
  }
}
