// What this process may do: effective capabilities, seccomp mode, no_new_privs (from /proc/self/status),
// and its user-namespace mapping (/proc/self/uid_map). Read-only and harmless.
import {parseCapMask, parseIdMap, parseProcStatus, type IdMapLine} from '../parse/proc-status.js'
import {digitsEnd, isDigitRuns} from '../parse/scan.js'
import type {Read} from '../sysroot/outcome.js'
import {readField} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'

// include/uapi/linux/capability.h, in bit order.
export const CAPABILITIES = [
  'chown',
  'dac_override',
  'dac_read_search',
  'fowner',
  'fsetid',
  'kill',
  'setgid',
  'setuid',
  'setpcap',
  'linux_immutable',
  'net_bind_service',
  'net_broadcast',
  'net_admin',
  'net_raw',
  'ipc_lock',
  'ipc_owner',
  'sys_module',
  'sys_rawio',
  'sys_chroot',
  'sys_ptrace',
  'sys_pacct',
  'sys_admin',
  'sys_boot',
  'sys_nice',
  'sys_resource',
  'sys_time',
  'sys_tty_config',
  'mknod',
  'lease',
  'audit_write',
  'audit_control',
  'setfcap',
  'mac_override',
  'mac_admin',
  'syslog',
  'wake_alarm',
  'block_suspend',
  'audit_read',
  'perfmon',
  'bpf',
  'checkpoint_restore',
] as const

export function capabilityNames(mask: bigint): string[] {
  const out: string[] = []
  for (let bit = 0; bit < 64; bit++) {
    if ((mask >> BigInt(bit)) & 1n)
      out.push(CAPABILITIES[bit] ? `CAP_${CAPABILITIES[bit]!.toUpperCase()}` : `cap_${bit}`)
  }
  return out
}

export type ProcessProbe = {
  capEff: string | null
  capabilities: string[] | null
  seccomp: 'disabled' | 'strict' | 'filter' | null
  seccompFilters: number | null
  noNewPrivs: boolean | null
  nsPid: number[] | null
  uidMap: IdMapLine[] | null
  userNamespace: 'initial' | 'mapped' | null
  uid: number | null
}

export function hasCap(p: ProcessProbe, name: string): boolean | null {
  return p.capabilities === null ? null : p.capabilities.includes(name)
}

/** The files the probe reads, as read (cached by the Sysroot): the report's debug says why one gave nothing. */
export function processFields(sys: Sysroot): {status: Read<Map<string, string>>; uidMap: Read<IdMapLine[]>} {
  return {
    status: readField(sys, '/proc/self/status', parseProcStatus),
    uidMap: readField(sys, '/proc/self/uid_map', parseIdMap),
  }
}

/** NSpid of /proc/self/status (this process's PID in each PID namespace, outermost first): the probe's nsPid. */
function nsPidOf(status: Read<Map<string, string>>): number[] | null {
  const nsPid = status.kind === 'value' ? (status.value.get('NSpid') ?? null) : null
  return nsPid !== null && isDigitRuns(nsPid) ? nsPid.split(/\s+/).map(Number) : null
}

/** The probe's nsPid alone, for a caller that needs nothing else of it (`guestview pod`'s rows: the PIDs view). */
export function readNsPid(sys: Sysroot): number[] | null {
  return nsPidOf(readField(sys, '/proc/self/status', parseProcStatus))
}

export function readProcessProbe(sys: Sysroot): ProcessProbe {
  const {status: st, uidMap: map} = processFields(sys)
  const get = (k: string) => (st.kind === 'value' ? (st.value.get(k) ?? null) : null)
  const capText = get('CapEff')
  const cap = capText === null ? null : parseCapMask(capText)
  const seccompNum = get('Seccomp')
  const seccomp = seccompNum === '0' ? 'disabled' : seccompNum === '1' ? 'strict' : seccompNum === '2' ? 'filter' : null
  const filters = get('Seccomp_filters')
  const nnp = get('NoNewPrivs')
  const uidLine = get('Uid')
  const identity =
    map.kind === 'value' &&
    map.value.length === 1 &&
    map.value[0]!.inside === 0 &&
    map.value[0]!.outside === 0 &&
    map.value[0]!.count === 4294967295
  return {
    capEff: cap?.ok ? capText : null,
    capabilities: cap?.ok ? capabilityNames(cap.value) : null,
    seccomp,
    seccompFilters: filters !== null && /^\d+$/.test(filters) ? Number(filters) : null,
    noNewPrivs: nnp === '1' ? true : nnp === '0' ? false : null,
    nsPid: nsPidOf(st),
    uidMap: map.kind === 'value' ? map.value : null,
    userNamespace: map.kind === 'value' ? (identity ? 'initial' : 'mapped') : null,
    uid:
      uidLine !== null && digitsEnd(uidLine, 0) > 0 ? Number(uidLine.split(/\s+/)[1] ?? uidLine.split(/\s+/)[0]) : null,
  }
}
