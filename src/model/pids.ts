// PIDs, Documentation/admin-guide/cgroup-v1/pids.rst and cgroup-v2.rst "PID": pids.max over visible
// ancestors, and pids.current, read through a PidsController.
import type {PidsController} from '../cgroup/controllers.js'
import {orNull, type Read} from '../sysroot/outcome.js'
import {levelsOut, unknownsOf, type LevelOut, type Unknowns} from './fields.js'
import {walkedLimit, type Limit} from './limit.js'

export type PidsOwned = {limit: Limit; current: number | null; currentSource: string | null}
export type PidsRead = {owned: PidsOwned; unknown: Unknowns; levels: LevelOut[]; fields: PidsFields}
/** The counter diagnose and watch sample: forks refused at the limit (pids.events "max"). */
export type PidsFields = {maxEvents: Read<number>}

export function readPids(pids: PidsController): PidsRead {
  const walk = pids.limit()
  const current = pids.current()
  return {
    owned: {limit: walkedLimit(walk, (n) => n), current: orNull(current), currentSource: current.path},
    unknown: unknownsOf('pids', {current}),
    levels: levelsOut(walk.levels),
    fields: {maxEvents: pids.maxEvents()},
  }
}
