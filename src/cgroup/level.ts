// Turning one cgroup directory's limit file into a Level of the ancestor walk.
import type {Level} from '../model/limit.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import type {Got} from './read.js'

/**
 * A limit file that is absent means "no limit at this level" only if the directory itself exists
 * (root cgroups and v2 cgroups without the controller enabled have no limit files). If the directory is
 * gone too, path translation went wrong or the cgroup was removed: that is unknown, not unlimited.
 */
export function levelFromMissing<X>(
  sys: Sysroot,
  dir: string,
  got: Extract<Got<unknown>, {ok: false}>,
  whyNone: string,
): Level<X> {
  if (got.missing === 'absent') {
    // Listing the directory tells "exists" from "gone" without reading a file of PIDs.
    const probe = sys.list(dir)
    if (probe.ok || probe.kind !== 'absent') return {kind: 'none', dir, why: whyNone}
    return {kind: 'unknown', dir, source: got.source, reason: `cgroup directory ${dir} not found`}
  }
  return {kind: 'unknown', dir, source: got.source, reason: got.reason}
}
