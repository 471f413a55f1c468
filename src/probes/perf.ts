// Can `perf` work here? perf_event_open(2) is gated by kernel.perf_event_paranoid (perf_event_open(2),
// Documentation/admin-guide/perf-security.rst), by CAP_PERFMON / CAP_SYS_ADMIN, and in containers by the
// runtime's seccomp profile: the default profiles of Docker, containerd and podman allow perf_event_open
// only to a process holding CAP_SYS_ADMIN or CAP_PERFMON, so perf fails with "Operation not permitted".
// We cannot call the syscall from Node; the verdict is inferred from those three facts, and says so.
import {parseS64} from '../parse/u64.js'
import {orNull} from '../sysroot/outcome.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {readNamespace} from './namespaces.js'
import {hasCap, type ProcessProbe} from './process.js'

export type PerfProbe = {
  verdict: 'permitted' | 'restricted' | 'blocked' | 'unknown'
  basis: 'inferred'
  why: string
  paranoid: number | null
  kptrRestrict: number | null
  privileged: boolean | null
}

/** The sysctls behind paranoid and kptrRestrict, as read (cached by the Sysroot): debug.unknown says why one is null. */
export function perfFields(sys: Sysroot) {
  return {
    paranoid: readField(sys, '/proc/sys/kernel/perf_event_paranoid', parseS64),
    kptrRestrict: readField(sys, '/proc/sys/kernel/kptr_restrict', parseS64),
  }
}

const numberOrNull = (v: bigint | null): number | null => (v === null ? null : Number(v))

export function readPerfProbe(sys: Sysroot, proc: ProcessProbe): PerfProbe {
  const fields = perfFields(sys)
  const paranoid = numberOrNull(orNull(fields.paranoid))
  const kptrRestrict = numberOrNull(orNull(fields.kptrRestrict))
  const admin = hasCap(proc, 'CAP_SYS_ADMIN')
  const perfmon = hasCap(proc, 'CAP_PERFMON')
  const holds = admin === null ? null : Boolean(admin || perfmon)
  // The kernel checks CAP_PERFMON / CAP_SYS_ADMIN in the initial user namespace (perfmon_capable()):
  // capabilities held in a user namespace of its own (rootless containers) do not lift perf_event_paranoid.
  const userNs = readNamespace(sys, 'user').initial
  const ownUserNs = userNs === false || (userNs === null && proc.userNamespace === 'mapped')
  const privileged = holds === null ? null : holds && !ownUserNs
  const base = {basis: 'inferred' as const, paranoid, kptrRestrict, privileged}
  const nsNote =
    holds && ownUserNs
      ? " This process's capabilities belong to a user namespace of its own: the kernel honours CAP_PERFMON only in the initial one."
      : ''
  const symbols =
    (kptrRestrict !== null && kptrRestrict >= 1 && !privileged
      ? ' Kernel symbols are hidden too (kptr_restrict>=1): stacks show no kernel function names.'
      : '') + nsNote
  if (paranoid === null && sys.read('/proc/sys/kernel/perf_event_paranoid').kind !== 'value') {
    return {
      ...base,
      verdict: 'unknown',
      why: '/proc/sys/kernel/perf_event_paranoid cannot be read: perf events may be missing from this kernel, or /proc/sys is hidden.',
    }
  }
  // The runtimes' seccomp profiles allow perf_event_open by the capabilities the container was given,
  // whatever user namespace they live in.
  if (proc.seccomp === 'filter' && holds === false) {
    return {
      ...base,
      verdict: 'blocked',
      why: `A seccomp filter is active and this process has neither CAP_SYS_ADMIN nor CAP_PERFMON: the default container seccomp profiles refuse perf_event_open, so perf fails with "Operation not permitted". Profile from the host, or run with --cap-add PERFMON (and --security-opt seccomp=... that allows it).${symbols}`,
    }
  }
  if (privileged)
    return {
      ...base,
      verdict: 'permitted',
      why: `This process holds ${admin ? 'CAP_SYS_ADMIN' : 'CAP_PERFMON'}: perf_event_open is allowed regardless of perf_event_paranoid${paranoid === null ? '' : `=${paranoid}`}.${proc.seccomp === 'filter' ? ' (A seccomp filter is active; the default profiles allow perf_event_open with these capabilities.)' : ''}`,
    }
  if (paranoid !== null && paranoid >= 3) {
    return {
      ...base,
      verdict: 'blocked',
      why: `kernel.perf_event_paranoid=${paranoid} (a Debian/Ubuntu setting) forbids perf_event_open to unprivileged processes.${symbols}`,
    }
  }
  if (paranoid !== null && paranoid >= 2) {
    return {
      ...base,
      verdict: 'restricted',
      why: `kernel.perf_event_paranoid=${paranoid}: only user-space profiling of your own processes; no kernel profiling and no system-wide (-a) recording.${symbols}`,
    }
  }
  if (privileged === null)
    return {...base, verdict: 'unknown', why: 'capabilities could not be read from /proc/self/status'}
  if (paranoid === null)
    return {
      ...base,
      verdict: 'unknown',
      why: "/proc/sys/kernel/perf_event_paranoid does not hold a number: the kernel's perf policy cannot be read.",
    }
  return {
    ...base,
    verdict: 'permitted',
    why: `kernel.perf_event_paranoid=${paranoid} allows unprivileged perf_event_open${proc.seccomp === 'filter' ? ', though a seccomp filter is active and may still refuse it' : ''}.${symbols}`,
  }
}
