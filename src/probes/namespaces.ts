// Which namespaces this process shares with the host. /proc/self/ns/<type> links read "type:[inode]";
// the initial namespaces have fixed inodes (include/linux/proc_ns.h, PROC_*_INIT_INO), so a match proves
// "host", and any other inode proves a namespace of its own. The network and mount namespaces got fixed
// inodes only in recent kernels (include/uapi/linux/nsfs.h NET_NS_INIT_INO 4026531833, MNT_NS_INIT_INO
// 4026531832, seen here on 6.18); on older ones their inodes say nothing either way.
import {nsLinkInode} from '../parse/scan.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export const INIT_INODES: Record<string, number | undefined> = {
  ipc: 0xefffffff,
  uts: 0xefffffff - 1,
  user: 0xefffffff - 2,
  pid: 0xefffffff - 3,
  cgroup: 0xefffffff - 4,
  time: 0xefffffff - 5,
  net: 0xefffffff - 6,
  mnt: 0xefffffff - 7,
}

/** Types whose initial inode is fixed only on recent kernels: any other inode proves nothing. */
const FIXED_ONLY_RECENTLY = new Set(['net', 'mnt'])

export type NsState = {type: string; link: string | null; initial: boolean | null; detail: string}

export function readNamespace(sys: Sysroot, type: string): NsState {
  const r = sys.readLink(`/proc/self/ns/${type}`)
  if (r.kind !== 'value') return {type, link: null, initial: null, detail: r.reason}
  const link = r.value
  const inode = nsLinkInode(link.trim()) // /^[a-z_]+:\[(\d+)\]$/
  if (inode === null) return {type, link, initial: null, detail: `unrecognised link ${link}`}
  const init = INIT_INODES[type]
  if (init !== undefined && Number(inode) === init)
    return {type, link: link, initial: true, detail: `${link} is the initial (host) ${type} namespace`}
  if (init === undefined)
    return {
      type,
      link: link,
      initial: null,
      detail: `${link} (no fixed initial inode is known for the ${type} namespace)`,
    }
  if (FIXED_ONLY_RECENTLY.has(type))
    return {
      type,
      link: link,
      initial: null,
      detail: `${link} (the initial ${type} namespace has a fixed inode only on recent kernels: ${type}:[${init}])`,
    }
  return {
    type,
    link: link,
    initial: false,
    detail: `${link} is not the initial ${type} namespace (${type}:[${init}])`,
  }
}
