// Pressure stall information for the container's own cgroup (cgroup/psi.ts says which file) and, beside it,
// the system-wide /proc/pressure/* that a guest would otherwise read. Unavailable PSI is reported, not fatal.
import type {Found} from '../cgroup/discover.js'
import {ownPressure, readPsi, type PsiResource} from '../cgroup/psi.js'
import type {Psi} from '../parse/psi.js'
import type {Read, UnknownKind} from '../sysroot/outcome.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type PressureValue =
  | ({state: 'available'; source: string} & Psi)
  | {state: 'unavailable'; source: string | null; reason: string; kind: UnknownKind}
export type PressureOwned = {
  cpu: PressureValue
  memory: PressureValue
  io: PressureValue
  system: {cpu: PressureValue; memory: PressureValue; io: PressureValue}
}

function pressureOf(f: Read<Psi>): PressureValue {
  if (f.kind === 'value') return {state: 'available', source: f.path, ...f.value}
  return {state: 'unavailable', source: f.path, reason: f.reason, kind: f.kind}
}

export function readPressure(sys: Sysroot, d: Found): PressureOwned {
  const own = (r: PsiResource) => pressureOf(ownPressure(sys, d, r))
  const system = (r: PsiResource) => pressureOf(readPsi(sys, `/proc/pressure/${r}`))
  return {
    cpu: own('cpu'),
    memory: own('memory'),
    io: own('io'),
    system: {cpu: system('cpu'), memory: system('memory'), io: system('io')},
  }
}
