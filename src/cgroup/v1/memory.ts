// cgroup v1 memory, Documentation/admin-guide/cgroup-v1/memory.rst:
//   memory.limit_in_bytes       the limit; "no limit" is LONG_MAX rounded down to the page (memory-bytes.ts)
//   memory.soft_limit_in_bytes  reclaim target under pressure (the closest v1 has to v2's memory.high)
//   memory.memsw.limit_in_bytes memory+swap (absent when swap accounting is off)
//   memory.usage_in_bytes, memory.failcnt, memory.oom_control ("oom_kill N", 4.13+)
//   memory.stat                 total_inactive_file (hierarchical), hierarchical_memory_limit
import {parseFlatKeyed} from '../../parse/flat-keyed.js'
import {parseU64} from '../../parse/u64.js'
import {firstPresent, keyOf, mapField, unlimited, value, type Field, type Read} from '../../sysroot/outcome.js'
import {joinGuest, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {HINTS, type MemoryController} from '../controllers.js'
import type {Hierarchy} from '../discover.js'
import {bytesLimit, UNLIMITED_FLOOR, type HostMemory} from '../memory-bytes.js'
import {atLeaf, Placed} from '../placement.js'
import {readLevels, tightest, type Level, type Walked} from '../walk.js'

const LIMIT = 'memory.limit_in_bytes'

export class V1Memory extends Placed implements MemoryController {
  readonly inactiveFileKey = 'total_inactive_file'

  constructor(
    sys: Sysroot,
    h: Hierarchy | null,
    private readonly host: HostMemory,
  ) {
    super(sys, h, 'memory')
  }

  private bytes(dir: string, name: string): Read<bigint> {
    return readField(this.sys, joinGuest(dir, name), parseU64)
  }

  private stat(): Read<Map<string, bigint>> {
    return atLeaf(this.at, (leaf) => readField(this.sys, joinGuest(leaf, 'memory.stat'), parseFlatKeyed))
  }

  limit(): Walked<number> {
    const levels: Level<number>[] = readLevels(this.sys, this.dirs, (dir) =>
      bytesLimit(this.bytes(dir, LIMIT), this.host),
    )
    // hierarchical_memory_limit: the tightest limit of the ancestors as the kernel sees it, visible even when
    // they are not (private cgroup namespace). Last in the list, so an equal own limit wins the tie.
    const hier = keyOf(this.stat(), 'hierarchical_memory_limit')
    if (this.at.leaf !== null && hier.kind === 'value') {
      const path = `${hier.path} (hierarchical_memory_limit)`
      levels.push({dir: this.at.leaf, setting: bytesLimit(value(hier.value, path), this.host)})
    }
    return tightest(levels, (n) => n, this.at.unplaced)
  }

  get seesHiddenAncestors(): boolean {
    return keyOf(this.stat(), 'hierarchical_memory_limit').kind === 'value'
  }

  high(): null {
    return null
  }

  softLimit(): Field<number> {
    return atLeaf(this.at, (leaf) => bytesLimit(this.bytes(leaf, 'memory.soft_limit_in_bytes'), this.host))
  }

  /** v1 has no swap limit of its own: memory.memsw.limit_in_bytes is memory+swap, so swap = memsw - memory. */
  swapLimit(): Walked<number> {
    const leaf = this.at.leaf
    if (leaf === null) return {result: this.at.unplaced, from: null, notes: [], levels: []}
    const memsw = readField(this.sys, joinGuest(leaf, 'memory.memsw.limit_in_bytes'), parseU64, {
      absent: HINTS.swapAccountingOff,
    })
    const result = ((): Field<number> => {
      if (memsw.kind !== 'value') return memsw
      if (memsw.value >= UNLIMITED_FLOOR) return unlimited(memsw.path)
      const mem = this.bytes(leaf, LIMIT)
      if (mem.kind !== 'value') return mem
      const swap = memsw.value - mem.value
      return value(Number(swap < 0n ? 0n : swap), `${memsw.path} - ${mem.path}`)
    })()
    return {result, from: null, notes: [], levels: [{dir: leaf, setting: result}]}
  }

  usageBytes(): Read<number> {
    return atLeaf(this.at, (leaf) => mapField(this.bytes(leaf, 'memory.usage_in_bytes'), Number))
  }

  inactiveFileBytes(): Read<number> {
    const st = this.stat()
    // total_inactive_file counts descendants too; a kernel without hierarchy support prints inactive_file only.
    const f = firstPresent([() => keyOf(st, 'total_inactive_file'), () => keyOf(st, 'inactive_file')])!
    return mapField(f, Number)
  }

  events(): Read<Map<string, bigint>> {
    return atLeaf(this.at, (leaf) => readField(this.sys, joinGuest(leaf, 'memory.oom_control'), parseFlatKeyed))
  }

  oomKills(): Read<number> {
    return mapField(keyOf(this.events(), 'oom_kill', HINTS.oomKill), Number)
  }

  failcnt(): Read<number> {
    return atLeaf(this.at, (leaf) => mapField(this.bytes(leaf, 'memory.failcnt'), Number))
  }

  eventsAt(): null {
    return null
  }

  reclaimScannedPages(): null {
    return null
  }
}
