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

/** The mount a path is served from: the visible mount with the longest mount point that covers it. */
export function mountCovering(mounts: readonly Mount[], path: string): Mount | undefined {
  let best: Mount | undefined
  for (const m of mounts) {
    const covers = m.mountPoint === path || path.startsWith(m.mountPoint === '/' ? '/' : m.mountPoint + '/')
    if (covers && (!best || m.mountPoint.length >= best.mountPoint.length)) best = m
  }
  return best
}

/**
 * Why /proc/stat does not count the host's CPUs, or null when the kernel serves it (host-wide). lxcfs
 * (proc_stat in its proc_fuse.c) builds it from this container's cgroup: the CPUs of its cpuset (or as many as
 * the quota allows with --enable-cfs), its own cpuacct usage as busy time, and the rest of those CPUs' time
 * as idle. Whatever the neighbours use is in neither.
 */
export function procStatNotHostWide(mounts: readonly Mount[]): string | null {
  const m = mountCovering(mounts, '/proc/stat')
  if (!m || !isLxcfsMount(m)) return null
  return `/proc/stat is lxcfs's view of this container (mountinfo: ${m.mountPoint} is a ${m.fsType} mount): its busy and idle time are the container's own, not the host's, so the host's idle CPU and other tenants' use cannot be read here`
}

export function mountedOver(mounts: readonly Mount[], guestPath: string): Mount | undefined {
  return mounts.find((m) => m.mountPoint === guestPath)
}

export const MEMINFO = '/proc/meminfo'

export function readHostMemory(
  sys: Sysroot,
  mounts: readonly Mount[],
): HostMemory & {source: string; memTotal: Field<number>} {
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
