// Pressure stall information for the container's own cgroup (cpu.pressure, memory.pressure, io.pressure:
// cgroup v2 only, also readable through the cgroup2 mount of a hybrid layout) and, beside it, the
// system-wide /proc/pressure/* that a guest would otherwise read. PSI may be compiled out or disabled
// (psi=0, CONFIG_PSI_DEFAULT_DISABLED): then the files are absent or fail with EOPNOTSUPP. Reported, not fatal.
import type {Found} from '../cgroup/discover.js'
import {joinGuest, readParsed} from '../cgroup/read.js'
import {parsePsi, type Psi} from '../parse/psi.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type PressureValue =
  ({state: 'available'; source: string} & Psi) | {state: 'unavailable'; source: string | null; reason: string}
export type PressureOwned = {
  cpu: PressureValue
  memory: PressureValue
  io: PressureValue
  system: {cpu: PressureValue; memory: PressureValue; io: PressureValue}
}

type Resource = 'cpu' | 'memory' | 'io'

function one(sys: Sysroot, path: string): PressureValue {
  const g = readParsed(sys, path, parsePsi)
  if (g.ok) return {state: 'available', source: g.source, ...g.value}
  return {
    state: 'unavailable',
    source: g.source,
    reason: g.missing === 'absent' ? `${path} does not exist (PSI disabled or not built into this kernel)` : g.reason,
  }
}

export function readPressure(sys: Sysroot, d: Found): PressureOwned {
  const v2 = d.hierarchies.find((h) => h.version === 'v2')
  const own = (r: Resource): PressureValue => {
    if (!v2)
      return {
        state: 'unavailable',
        source: null,
        reason: 'per-cgroup PSI needs cgroup v2, and no cgroup2 mount is visible',
      }
    if (!v2.dir) return {state: 'unavailable', source: null, reason: v2.problem ?? 'cgroup2 directory unknown'}
    // In the host's cgroup namespace at "/" of the unified hierarchy (a hybrid host where only v1
    // controllers were set), "our" cgroup is the root: its PSI is the whole system's, not ours.
    if (d.namespace !== 'private' && v2.cgroupPath === '/' && v2.mountRoot === '/') {
      return {
        state: 'unavailable',
        source: joinGuest(v2.dir, `${r}.pressure`),
        reason:
          "this process is in the root cgroup of the unified hierarchy: its pressure is the system-wide PSI (pressure.system), not a container's own",
      }
    }
    return one(sys, joinGuest(v2.dir, `${r}.pressure`))
  }
  return {
    cpu: own('cpu'),
    memory: own('memory'),
    io: own('io'),
    system: {
      cpu: one(sys, '/proc/pressure/cpu'),
      memory: one(sys, '/proc/pressure/memory'),
      io: one(sys, '/proc/pressure/io'),
    },
  }
}
