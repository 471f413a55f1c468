// cgroup v1 pids, Documentation/admin-guide/cgroup-v1/pids.rst: pids.max ("max" or a count) on every
// non-root cgroup of the pids hierarchy, and pids.current. The files are v2's (pids-files.ts).
import type {Sysroot} from '../../sysroot/sysroot.js'
import type {Hierarchy} from '../discover.js'
import {PidsFiles} from '../pids-files.js'

export class V1Pids extends PidsFiles {
  constructor(sys: Sysroot, h: Hierarchy | null) {
    super(sys, h, 'the root cgroup')
  }
}
