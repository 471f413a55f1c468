// Which file holds this cgroup's own pressure (Documentation/accounting/psi.rst "Cgroup2 interface"):
// <resource>.pressure in the unified hierarchy, also readable through the cgroup2 mount of a hybrid layout.
// PSI may be compiled out or disabled (psi=0, CONFIG_PSI_DEFAULT_DISABLED): the files are then absent or
// fail with EOPNOTSUPP, which the read labels (absent / unsupported).
import {parsePsi, type Psi} from '../parse/psi.js'
import {notThere, unsupported, type Read} from '../sysroot/outcome.js'
import {joinGuest, readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {noHierarchyReason, type Found} from './discover.js'

export type PsiResource = 'cpu' | 'memory' | 'io'
const PSI_ABSENT = 'PSI disabled or not built into this kernel'

export function readPsi(sys: Sysroot, path: string): Read<Psi> {
  return readField(sys, path, parsePsi, {absent: PSI_ABSENT})
}

export function ownPressure(sys: Sysroot, d: Found, r: PsiResource): Read<Psi> {
  const v2 = d.hierarchies.find((h) => h.version === 'v2')
  if (!v2 && d.failure) return {...d.failure, reason: noHierarchyReason(d, 'cgroup2')}
  if (!v2) return notThere('per-cgroup PSI needs cgroup v2, and no cgroup2 mount is visible')
  if (!v2.dir) return unsupported(null, v2.problem ?? 'cgroup2 directory unknown')
  const path = joinGuest(v2.dir, `${r}.pressure`)
  // In the host's cgroup namespace at "/" of the unified hierarchy (a hybrid host where only v1 controllers
  // were set), "our" cgroup is the root: its pressure is the whole system's, not ours.
  if (d.namespace !== 'private' && v2.cgroupPath === '/' && v2.mountRoot === '/') {
    return unsupported(
      path,
      "this process is in the root cgroup of the unified hierarchy: its pressure is the system-wide PSI (pressure.system), not a container's own",
    )
  }
  return readPsi(sys, path)
}
