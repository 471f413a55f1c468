// Can `dmesg` read the kernel log here, and whose log is it? There is one kernel ring buffer per host:
// if it is readable, it is the host's (every container's OOM kills and driver messages). dmesg reads
// /dev/kmsg, else syslog(2); both need CAP_SYSLOG when kernel.dmesg_restrict=1, and container seccomp
// profiles refuse syslog(2) without CAP_SYSLOG. The probe opens /dev/kmsg non-blocking and reads one record.
import {parseS64} from '../parse/u64.js'
import {orNull, type UnknownKind} from '../sysroot/outcome.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {readNamespace} from './namespaces.js'
import {hasCap, type ProcessProbe} from './process.js'

/**
 * One read of /dev/kmsg returns one record, and fails with EINVAL when the buffer is shorter than the next
 * record (Documentation/ABI/testing/dev-kmsg); records reach 8 KiB with their dictionary (util-linux's dmesg
 * reads with 8192 too).
 */
export const KMSG_READ_BYTES = 8192

export type DmesgProbe = {
  verdict: 'host-log' | 'denied' | 'unavailable'
  why: string
  dmesgRestrict: number | null
  /** How the /dev/kmsg probe went: readable, or the kind of Field it gave (outcome.ts). */
  kmsg: 'readable' | UnknownKind
}

/** The sysctl behind dmesgRestrict, as read (cached by the Sysroot): debug.unknown says why it is null. */
export function dmesgFields(sys: Sysroot) {
  return {dmesgRestrict: readField(sys, '/proc/sys/kernel/dmesg_restrict', parseS64)}
}

export function readDmesgProbe(sys: Sysroot, proc: ProcessProbe): DmesgProbe {
  const restrict = orNull(dmesgFields(sys).dmesgRestrict)
  const dmesgRestrict = restrict === null ? null : Number(restrict)
  const k = sys.probe('/dev/kmsg', KMSG_READ_BYTES)
  if (k.kind === 'value') {
    return {
      verdict: 'host-log',
      kmsg: 'readable',
      dmesgRestrict,
      why: "/dev/kmsg opens for reading: dmesg shows the host kernel's ring buffer, with every container's messages, not only yours.",
    }
  }
  if (k.kind === 'denied') {
    return {
      verdict: 'denied',
      kmsg: 'denied',
      dmesgRestrict,
      why: `${k.reason}${dmesgRestrict === 1 ? ' (kernel.dmesg_restrict=1 requires CAP_SYSLOG)' : ''}: dmesg fails with "Operation not permitted".`,
    }
  }
  // syslog(2) checks CAP_SYSLOG in the initial user namespace: a user namespace's own capabilities do not count.
  const userNs = readNamespace(sys, 'user').initial
  const ownUserNs = userNs === false || (userNs === null && proc.userNamespace === 'mapped')
  const syslogCap = hasCap(proc, 'CAP_SYSLOG') && !ownUserNs
  const kmsg = k.kind
  if (syslogCap)
    return {
      verdict: 'host-log',
      kmsg,
      dmesgRestrict,
      why: `No /dev/kmsg here, but this process holds CAP_SYSLOG: dmesg can read the host kernel's log through syslog(2).`,
    }
  if (dmesgRestrict === 0 && proc.seccomp !== 'filter') {
    return {
      verdict: 'host-log',
      kmsg,
      dmesgRestrict,
      why: 'No /dev/kmsg here, but dmesg_restrict=0 and no seccomp filter: dmesg can read the host kernel log through syslog(2).',
    }
  }
  return {
    verdict: 'unavailable',
    kmsg,
    dmesgRestrict,
    why: `${k.reason}, and syslog(2) needs CAP_SYSLOG${dmesgRestrict === 1 ? ' (dmesg_restrict=1)' : ''}${proc.seccomp === 'filter' ? ' and is refused by the seccomp filter' : ''}: dmesg cannot show the kernel log here.`,
  }
}
