// The host-side facts the ownership model needs: physical memory (to tell a limit that cannot bind) and
// whether /proc/meminfo is an lxcfs view (then MemTotal is the limit, not the host).
import type {Mount} from '../parse/mountinfo.js'
import {parseMeminfo} from '../parse/meminfo.js'
import {readParsed} from '../cgroup/read.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {HostMemory} from './memory.js'

/** lxcfs serves its files from a FUSE filesystem bind-mounted over each /proc file on its own. */
export function isLxcfsMount(m: Mount): boolean {
  return m.fsType === 'fuse.lxcfs' || (m.fsType.startsWith('fuse') && m.source === 'lxcfs')
}

export function mountedOver(mounts: Mount[], guestPath: string): Mount | undefined {
  return mounts.find((m) => m.mountPoint === guestPath)
}

export function readHostMemory(sys: Sysroot, mounts: Mount[]): HostMemory & {source: string; problem?: string} {
  const over = mountedOver(mounts, '/proc/meminfo')
  const meminfoVirtualized = over !== undefined && isLxcfsMount(over)
  const g = readParsed(sys, '/proc/meminfo', parseMeminfo)
  const total = g.ok ? g.value.get('MemTotal') : undefined
  // No running kernel has no memory: MemTotal 0 is a broken or forged file, and taken as the host's size it
  // would make every limit (0 included) "at or above MemTotal", i.e. unlimited (issue 13 item 11).
  const problem = !g.ok ? g.reason : total === 0n ? '/proc/meminfo: malformed: MemTotal is 0' : undefined
  return {
    memTotalBytes: total === undefined || total === 0n ? null : Number(total),
    meminfoVirtualized,
    source: '/proc/meminfo',
    ...(problem ? {problem} : {}),
  }
}
