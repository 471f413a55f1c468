// cgroup v2 memory, Documentation/admin-guide/cgroup-v2.rst "Memory":
//   memory.max, memory.high, memory.swap.max   "max" or bytes, on non-root cgroups with the controller enabled
//   memory.current                            bytes in use (this cgroup and descendants)
//   memory.stat                               inactive_file, ... (flat keyed)
//   memory.events                             low, high, max, oom, oom_kill (4.13+), oom_group_kill (hierarchical)
// memory.swap.* exist only with swap accounting on (mm/memcontrol.c registers them with the memsw files of
// v1 under the same switch), so a leaf with memory.max but no memory.swap.max has swap accounting off.
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {parseMaxOrNumber} from '../../parse/max-or-number.js'
import {parseU64} from '../../parse/u64.js'
import {absent, keyOf, mapField, type Field, type Read} from '../../sysroot/outcome.js'
import {joinGuest, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {HINTS, type MemoryController} from '../controllers.js'
import type {Hierarchy} from '../discover.js'
import {maxOrBytesLimit, NO_HOST, type HostMemory} from '../memory-bytes.js'
import {atLeaf, Placed} from '../placement.js'
import type {Walked} from '../walk.js'

const NOT_ENABLED = 'the root cgroup, or the memory controller is not enabled here'

export class V2Memory extends Placed implements MemoryController {
  readonly inactiveFileKey = 'inactive_file'
  /** memory.max of each visible level only: ancestors above a private namespace's root are not seen. */
  readonly seesHiddenAncestors = false

  constructor(
    sys: Sysroot,
    h: Hierarchy | null,
    private readonly host: HostMemory,
  ) {
    super(sys, h, 'memory')
  }

  private maxFile(dir: string, name: string, host: HostMemory): Field<number> {
    return maxOrBytesLimit(readField(this.sys, joinGuest(dir, name), parseMaxOrNumber, {absent: NOT_ENABLED}), host)
  }

  private walk(name: string, host: HostMemory): Walked<number> {
    return this.tightestOver(
      (dir) => this.maxFile(dir, name, host),
      (n) => n,
    )
  }

  limit(): Walked<number> {
    return this.walk('memory.max', this.host)
  }

  high(): Walked<number> {
    return this.walk('memory.high', this.host)
  }

  softLimit(): null {
    return null
  }

  swapLimit(): Walked<number> {
    const w = this.walk('memory.swap.max', NO_HOST)
    const leaf = w.levels[0]
    if (leaf && leaf.setting.kind === 'absent' && leaf.dirExists) {
      const max = readField(this.sys, joinGuest(leaf.dir, 'memory.max'), parseMaxOrNumber)
      // The memory controller is on here, yet no swap file: swap accounting is off, as v1 says of memsw.
      if (max.kind === 'value') return {...w, result: absent(leaf.setting.path!, HINTS.swapAccountingOff), from: null}
    }
    return w
  }

  usageBytes(): Read<number> {
    return atLeaf(this.at, (leaf) =>
      mapField(readField(this.sys, joinGuest(leaf, 'memory.current'), parseU64, {absent: NOT_ENABLED}), Number),
    )
  }

  inactiveFileBytes(): Read<number> {
    const st = atLeaf(this.at, (leaf) =>
      readField(this.sys, joinGuest(leaf, 'memory.stat'), parseFlatKeyed, {absent: NOT_ENABLED}),
    )
    return mapField(keyOf(st, 'inactive_file'), Number)
  }

  events(): Read<Map<string, bigint>> {
    return atLeaf(this.at, (leaf) =>
      readField(this.sys, joinGuest(leaf, 'memory.events'), parseFlatKeyed, {absent: NOT_ENABLED}),
    )
  }

  oomKills(): Read<number> {
    return mapField(keyOf(this.events(), 'oom_kill', HINTS.oomKill), Number)
  }

  failcnt(): null {
    return null
  }

  eventsAt(dir: string): Read<Map<string, bigint>> {
    return readField(this.sys, joinGuest(dir, 'memory.events'), parseFlatKeyed, {absent: NOT_ENABLED})
  }

  reclaimScannedPages(): Read<number> {
    const st = atLeaf(this.at, (leaf) =>
      readField(this.sys, joinGuest(leaf, 'memory.stat'), parseFlatKeyed, {absent: NOT_ENABLED}),
    )
    return mapField(keyOf(st, 'pgscan', 'a kernel before 5.8, which added pgscan to memory.stat'), Number)
  }
}
