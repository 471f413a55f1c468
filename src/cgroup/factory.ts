// The controllers of this process, one per resource, each picked from the hierarchy that serves it: in a
// hybrid layout cpu may be v1 while io is v2 (CgroupSubsystemFactory in the JDK does the same per controller).
// This is the one place outside cgroup/v1 and cgroup/v2 that looks at a hierarchy's version.
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Controllers} from './controllers.js'
import {v1Cpuset, v2Cpuset} from './cpuset.js'
import {hierarchyFor as hierarchyOf, noHierarchyReason, type Found, type Hierarchy} from './discover.js'
import type {HostMemory} from './memory-bytes.js'
import {V1Cpu} from './v1/cpu.js'
import {V1Io} from './v1/io.js'
import {V1Memory} from './v1/memory.js'
import {V1Pids} from './v1/pids.js'
import {V2Cpu} from './v2/cpu.js'
import {V2Io} from './v2/io.js'
import {V2Memory} from './v2/memory.js'
import {V2Pids} from './v2/pids.js'

export function controllersFor(sys: Sysroot, d: Found, host: HostMemory): Controllers {
  const hierarchyFor = (d: Found, controller: string) => hierarchyOf(d, controller) ?? layoutUnknown(d)
  const cpusetH = hierarchyFor(d, 'cpuset')
  const cpuset = cpusetH?.version === 'v2' ? v2Cpuset(sys, cpusetH) : v1Cpuset(sys, cpusetH)
  const cpuH = hierarchyFor(d, 'cpu')
  const memoryH = hierarchyFor(d, 'memory')
  const pidsH = hierarchyFor(d, 'pids')
  // v2 calls the controller io, v1 blkio.
  const ioH = hierarchyFor(d, d.version === 'v2' ? 'io' : 'blkio')
  return {
    // v1 CPU usage lives in the cpuacct hierarchy; with no cpu controller at all, cpuacct is still read.
    cpu:
      cpuH?.version === 'v2' ? new V2Cpu(sys, cpuH, cpuset) : new V1Cpu(sys, cpuH, hierarchyFor(d, 'cpuacct'), cpuset),
    memory: memoryH?.version === 'v2' ? new V2Memory(sys, memoryH, host) : new V1Memory(sys, memoryH, host),
    pids: pidsH?.version === 'v2' ? new V2Pids(sys, pidsH) : new V1Pids(sys, pidsH),
    io: ioH?.version === 'v2' ? new V2Io(sys, ioH) : new V1Io(sys, ioH),
  }
}

/**
 * When discovery itself failed (mountinfo or /proc/self/cgroup denied, absent or malformed), no controller is
 * placed, and that failure is why: not "no cpu controller is mounted" (issue 13 item 11).
 */
function layoutUnknown(d: Found): Hierarchy | null {
  if (d.version !== 'unknown') return null
  const problem = noHierarchyReason(d, 'any')
  const unread = d.failure ? {...d.failure, reason: problem} : undefined
  return {version: 'v1', controllers: [], mountPoint: '', mountRoot: '', cgroupPath: '', dir: null, problem, unread}
}
