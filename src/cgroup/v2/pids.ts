// cgroup v2 pids, Documentation/admin-guide/cgroup-v2.rst "PID": pids.max ("max" or a count) on non-root
// cgroups where the pids controller is enabled, and pids.current. The files are v1's (pids-files.ts).
import type {Sysroot} from '../../sysroot/sysroot.js'
import type {Hierarchy} from '../discover.js'
import {PidsFiles} from '../pids-files.js'

export class V2Pids extends PidsFiles {
  constructor(sys: Sysroot, h: Hierarchy | null) {
    super(sys, h, 'the root cgroup, or the pids controller is not enabled here')
  }
}
