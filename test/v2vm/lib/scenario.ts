// A scenario of the cgroup v2 VM: a shell script that runs inside the VM (busybox sh, with the helpers of
// guest/lib.sh), and named checks that run on the host against what the script emitted. The script and the
// checks share the limits they set through the TypeScript constants the script is built from, so every
// assertion compares with what was set, never with guestview's own arithmetic.
import type {Outputs} from './results.js'

export type Scenario = {
  /** Also the name of the scenario's own cgroup under /sys/fs/cgroup, which is removed (cgroup.kill) after it. */
  id: string
  title: string
  /**
   * Runs as `sh` in the VM with SCENARIO=id, CG=/sys/fs/cgroup and the guest/lib.sh helpers (mkcg, put, emit,
   * value) and the programs incg, inprivate and gv on PATH. Every cgroup it makes must be under $CG/$SCENARIO.
   */
  guest: string
  /** Guest-side bound for the whole script, in seconds of the VM's clock (killed with SIGKILL after it). */
  timeoutSeconds: number
  /**
   * 'background' for a scenario that spends its time under a small CPU quota: it is started first and runs
   * beside the others (it uses little CPU), which keeps the VM's wall time down.
   */
  mode?: 'sequential' | 'background'
  /** Each check is one uvu test named `<id>: <check name>`. Throw (uvu/assert) to fail. */
  checks: Record<string, (o: Outputs) => void>
}
