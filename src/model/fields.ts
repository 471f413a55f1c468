// The model keeps what it read as Fields; the contract shows their values (a number, or null), and the
// report's `debug` keeps the rest: why each null is null, and every level of each ancestor walk.
import type {Level} from '../cgroup/walk.js'
import type {Field, Unread} from '../sysroot/outcome.js'

/** Why each value of the contract is null, keyed by its place in the report ("memory.workingSetBytes"). */
export type Unknowns = Record<string, Unread>

export function unknownsOf(prefix: string, fields: Record<string, Field<unknown> | null>): Unknowns {
  const out: Unknowns = {}
  for (const [k, f] of Object.entries(fields)) {
    if (f && f.kind !== 'value' && f.kind !== 'unlimited') out[`${prefix}.${k}`] = f
  }
  return out
}

/** One level of an ancestor walk as the debug output shows it: the directory and the Field read there. */
export type LevelOut = {dir: string; dirExists?: boolean} & Field<unknown>

export function levelsOut<T>(levels: Level<T>[]): LevelOut[] {
  return levels.map((l) => ({dir: l.dir, ...l.setting, ...(l.dirExists === false ? {dirExists: false} : {})}))
}
