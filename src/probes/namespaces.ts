// Which namespaces this process shares with the host. /proc/self/ns/<type> links read "type:[inode]";
// the initial namespaces have fixed inodes (include/linux/proc_ns.h, PROC_*_INIT_INO), so a match proves
// "host", and any other inode proves a namespace of its own. The network namespace got a fixed inode only
// in recent kernels (4026531833 seen here on 6.18); on older ones its inode says nothing either way.
import type {Sysroot} from '../sysroot/sysroot.js'

export const INIT_INODES: Record<string, number | undefined> = {
  ipc: 0xefffffff,
  uts: 0xefffffff - 1,
  user: 0xefffffff - 2,
  pid: 0xefffffff - 3,
  cgroup: 0xefffffff - 4,
  time: 0xefffffff - 5,
  net: 0xefffffff - 6,
}

export type NsState = {type: string; link: string | null; initial: boolean | null; detail: string}

export function readNamespace(sys: Sysroot, type: string): NsState {
  const r = sys.readLink(`/proc/self/ns/${type}`)
  if (!r.ok) return {type, link: null, initial: null, detail: `/proc/self/ns/${type}: ${r.detail}`}
  const m = /^[a-z_]+:\[(\d+)\]$/.exec(r.text.trim())
  if (!m) return {type, link: r.text, initial: null, detail: `unrecognised link ${r.text}`}
  const init = INIT_INODES[type]
  if (init !== undefined && Number(m[1]) === init) return {type, link: r.text, initial: true, detail: `${r.text} is the initial (host) ${type} namespace`}
  if (type === 'net') return {type, link: r.text, initial: null, detail: `${r.text} (network namespace inodes are fixed only for the initial namespace on recent kernels)`}
  return {type, link: r.text, initial: false, detail: `${r.text} is not the initial ${type} namespace (${type}:[${init}])`}
}
