// The host-wide numbers a guest sees, read once for the findings: load, uptime, memory, disks, and the
// container's age (from PID 1's start time, meaningful when PID 1 is the container's own entry process).
// MemTotal is not repeated here: it is the report's host.memTotalBytes (model/host.ts).
import {parseLoadavg, type Loadavg} from '../parse/loadavg.js'
import {parseMeminfo} from '../parse/meminfo.js'
import {parseMountinfo, visibleMounts} from '../parse/mountinfo.js'
import {parseDiskstatsNames} from '../parse/diskstats.js'
import {parseUptime} from '../parse/proc-misc.js'
import {parsePidStat} from '../parse/pid-stat.js'
import {isDigits} from '../parse/scan.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'

/** `/^(loop|ram)\d+$/.test(name)`: a loop or RAM disk, no real device. */
const isLoopOrRam = (name: string): boolean =>
  (name.startsWith('loop') && isDigits(name.slice(4))) || (name.startsWith('ram') && isDigits(name.slice(3)))

export const USER_HZ = 100

export type HostView = {
  loadavg: Loadavg | null
  uptimeSeconds: number | null
  memAvailableBytes: number | null
  swapTotalBytes: number | null
  disks: string[] | null
  pid1: {comm: string; ageSeconds: number | null} | null
  /** The filesystem mounted at / (overlay for most runtimes): what df shows for the container's root. */
  rootFs: {fsType: string; source: string} | null
}

/**
 * The files behind each value, as read (cached by the Sysroot), keyed by the value's place in hostView: the
 * report's debug.unknown says why one is null (the JSON contract keeps reasons out of hostView itself).
 */
export function hostViewFields(sys: Sysroot) {
  const mem = readField(sys, '/proc/meminfo', parseMeminfo)
  return {
    loadavg: readField(sys, '/proc/loadavg', parseLoadavg),
    uptimeSeconds: readField(sys, '/proc/uptime', parseUptime),
    memAvailableBytes: mem,
    swapTotalBytes: mem,
    disks: readField(sys, '/proc/diskstats', parseDiskstatsNames),
    pid1: readField(sys, '/proc/1/stat', parsePidStat),
  }
}

export function readHostView(sys: Sysroot): HostView {
  const {loadavg: load, uptimeSeconds: up, memAvailableBytes: mem, disks, pid1: p1} = hostViewFields(sys)
  const mi = readField(sys, '/proc/self/mountinfo', parseMountinfo)
  const root = mi.kind === 'value' ? visibleMounts(mi.value).find((m) => m.mountPoint === '/') : undefined
  const n = (k: string) => {
    const v = mem.kind === 'value' ? mem.value.get(k) : undefined
    return v === undefined ? null : Number(v)
  }
  return {
    loadavg: load.kind === 'value' ? load.value : null,
    uptimeSeconds: up.kind === 'value' ? up.value.uptimeSeconds : null,
    memAvailableBytes: n('MemAvailable'),
    swapTotalBytes: n('SwapTotal'),
    // Whole disks and partitions alike; loop and ram devices are noise for "whose I/O is this".
    disks: disks.kind === 'value' ? disks.value.map((d) => d.name).filter((name) => !isLoopOrRam(name)) : null,
    pid1:
      p1.kind === 'value'
        ? {
            comm: p1.value.comm,
            ageSeconds:
              up.kind === 'value' ? Math.max(0, up.value.uptimeSeconds - p1.value.startTicks / USER_HZ) : null,
          }
        : null,
    rootFs: root ? {fsType: root.fsType, source: root.source} : null,
  }
}
