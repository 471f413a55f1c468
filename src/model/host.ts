// The host-side facts the ownership model needs: physical memory (to tell a limit that cannot bind) and
// whether /proc/meminfo is an lxcfs view (then MemTotal is the limit, not the host).
import type {HostMemory} from '../cgroup/memory-bytes.js'
import {parseMeminfo} from '../parse/meminfo.js'
import type {Mount} from '../parse/mountinfo.js'
import {keyOf, malformed, mapField, orNull, type Field} from '../sysroot/outcome.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type {HostMemory}

/** lxcfs serves its files from a FUSE filesystem bind-mounted over each /proc file on its own. */
export function isLxcfsMount(m: Mount): boolean {
  return m.fsType === 'fuse.lxcfs' || (m.fsType.startsWith('fuse') && m.source === 'lxcfs')
}

export function mountedOver(mounts: Mount[], guestPath: string): Mount | undefined {
  return mounts.find((m) => m.mountPoint === guestPath)
}

export const MEMINFO = '/proc/meminfo'

export function readHostMemory(sys: Sysroot, mounts: Mount[]): HostMemory & {source: string; memTotal: Field<number>} {
  const over = mountedOver(mounts, MEMINFO)
  const read = mapField(keyOf(readField(sys, MEMINFO, parseMeminfo), 'MemTotal'), Number)
  // No running kernel has no memory: MemTotal 0 is a broken or forged file, and taken as the host's size it
  // would make every limit (0 included) "at or above MemTotal", i.e. unlimited (issue 13 item 11).
  const memTotal = read.kind === 'value' && read.value === 0 ? malformed(MEMINFO, 'MemTotal is 0') : read
  return {
    memTotalBytes: orNull(memTotal),
    meminfoVirtualized: over !== undefined && isLxcfsMount(over),
    source: MEMINFO,
    memTotal,
  }
}
