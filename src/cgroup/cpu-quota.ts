// A CFS bandwidth limit as cores, and its walk over the levels, shared by the v1 (cpu.cfs_quota_us,
// cpu.cfs_period_us) and v2 (cpu.max) controllers. The kernel refuses a quota or a period below 1 ms: tg_set_cfs_bandwidth() in
// kernel/sched/core.c returns -EINVAL when either is under min_cfs_quota_period (1 ms). A smaller number in
// the file was not written by the kernel, and a limit of 0 cores would be a lie: it is malformed.
import {malformed, value, type Field} from '../sysroot/outcome.js'
import type {Quota} from './controllers.js'
import {Placed} from './placement.js'
import type {Walked} from './walk.js'

const MIN_CFS_US = 1000

export function quotaOf(quotaUs: number, periodUs: number, path: string): Field<Quota> {
  if (quotaUs < MIN_CFS_US) return malformed(path, `quota ${quotaUs} us is below the kernel's 1 ms minimum`)
  if (periodUs < MIN_CFS_US) return malformed(path, `period ${periodUs} us is below the kernel's 1 ms minimum`)
  return value({quotaUs, periodUs, cores: quotaUs / periodUs}, path)
}

/** The cpu controller of either version: the tightest quota over its levels, walked once; `quota` reads one level. */
export abstract class QuotaPlaced extends Placed {
  private walked: Walked<Quota> | null = null

  protected abstract quota(dir: string): Field<Quota>

  limit(): Walked<Quota> {
    this.walked ??= this.tightestOver(
      (dir) => this.quota(dir),
      (q) => q.cores,
    )
    return this.walked
  }
}
