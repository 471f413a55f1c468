// Average cores used since the container started = CPU time used / the container's age. The age is PID 1's
// age, which is the container's only in a private PID namespace; in the host's, PID 1 is the host's init
// and the "average" would be over the host's uptime, so none is given.
import type {HostView} from './hostview.js'

export function averageCoresUsed(
  usageSeconds: number | null,
  host: HostView,
  pidScope: string | undefined,
): number | null {
  if (pidScope !== 'namespaced' || usageSeconds === null) return null
  const age = host.pid1?.ageSeconds
  return age && age > 0 ? usageSeconds / age : null
}
