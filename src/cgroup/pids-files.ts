// pids.max, pids.current and pids.events have one format on both versions (Documentation/admin-guide/cgroup-v1/pids.rst,
// cgroup-v2.rst "PID"): "max" or a count, and a count. The v1 and v2 controllers differ only in what an
// absent pids.max means, so they are one implementation (PidsFiles) given that meaning.
import {parseFlatKeyed} from '../parse/flat-keyed.js'
import {parseMaxOrNumber} from '../parse/max-or-number.js'
import {parseU64} from '../parse/u64.js'
import {keyOf, mapField, unlimited, type Field, type Read} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {PidsController} from './controllers.js'
import type {Hierarchy} from './discover.js'
import {atLeaf, Placed} from './placement.js'
import type {Walked} from './walk.js'

export function pidsMax(sys: Sysroot, dir: string, absentMeans: string): Field<number> {
  const f = readField(sys, joinGuest(dir, 'pids.max'), parseMaxOrNumber, {absent: absentMeans})
  if (f.kind === 'value' && f.value.max) return unlimited(f.path)
  return mapField(f, (v) => (v.max ? 0 : Number(v.value)))
}

export function pidsCurrent(sys: Sysroot, dir: string): Read<number> {
  return mapField(readField(sys, joinGuest(dir, 'pids.current'), parseU64), Number)
}

/**
 * The "max" line of pids.events: how often a fork or clone failed because the cgroup was at pids.max
 * (cgroup-v2.rst "pids.events"; v1 has had the same file since Linux 4.3). The USE method's PID errors.
 */
export function pidsMaxEvents(sys: Sysroot, dir: string): Read<number> {
  const f = readField(sys, joinGuest(dir, 'pids.events'), parseFlatKeyed, {
    absent: 'a kernel before 4.3, or the root cgroup',
  })
  return mapField(keyOf(f, 'max'), Number)
}

/** The pids controller of either version; `absentMeans` says why a level has no pids.max. */
export class PidsFiles extends Placed implements PidsController {
  constructor(
    sys: Sysroot,
    h: Hierarchy | null,
    private readonly absentMeans: string,
  ) {
    super(sys, h, 'pids')
  }

  limit(): Walked<number> {
    return this.tightestOver(
      (dir) => pidsMax(this.sys, dir, this.absentMeans),
      (n) => n,
    )
  }

  current(): Read<number> {
    return atLeaf(this.at, (leaf) => pidsCurrent(this.sys, leaf))
  }

  maxEvents(): Read<number> {
    return atLeaf(this.at, (leaf) => pidsMaxEvents(this.sys, leaf))
  }
}
