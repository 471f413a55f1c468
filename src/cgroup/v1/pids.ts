// cgroup v1 pids, Documentation/admin-guide/cgroup-v1/pids.rst: pids.max ("max" or a count) on every
// non-root cgroup of the pids hierarchy, and pids.current.
import type {Read, Unread} from '../../sysroot/outcome.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import type {PidsController} from '../controllers.js'
import type {Hierarchy} from '../discover.js'
import {pidsCurrent, pidsMax, pidsMaxEvents} from '../pids-files.js'
import {atLeaf, placement, type Placement} from '../placement.js'
import {readLevels, tightest, type Walked} from '../walk.js'

export class V1Pids implements PidsController {
  readonly dirs: string[]
  readonly unplaced: Unread | null
  private readonly at: Placement

  constructor(
    private readonly sys: Sysroot,
    h: Hierarchy | null,
  ) {
    this.at = placement(h, 'pids')
    this.dirs = this.at.dirs
    this.unplaced = this.at.unplaced
  }

  limit(): Walked<number> {
    const levels = readLevels(this.sys, this.dirs, (dir) => pidsMax(this.sys, dir, 'the root cgroup'))
    return tightest(levels, (n) => n, this.at.unplaced)
  }

  current(): Read<number> {
    return atLeaf(this.at, (leaf) => pidsCurrent(this.sys, leaf))
  }

  maxEvents(): Read<number> {
    return atLeaf(this.at, (leaf) => pidsMaxEvents(this.sys, leaf))
  }
}
