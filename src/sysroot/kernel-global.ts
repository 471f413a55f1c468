// Files whose text is the same through every view of a live machine, so that `guestview pod` reads each
// once, not once per container (bench/pod.ts): the kernel computes them for the whole machine, or for the
// process that reads them, which is always guestview itself, whichever view the path was asked through:
//   /proc/meminfo, stat, cpuinfo, vmstat, diskstats, pressure/*   the machine (proc(5); PSI's /proc files
//                       are system-wide: Documentation/accounting/psi.rst)
//   /proc/uptime, and btime in /proc/stat    adjusted for the *reader's* time namespace (time_namespaces(7))
//   /proc/loadavg       its last field is the newest PID in the reader's PID namespace
//   /proc/swaps         swap file paths as seen from the reader's root
//   /proc/sys/kernel/{perf_event_paranoid,kptr_restrict,dmesg_restrict}   global sysctls
//   /sys/devices/system/cpu/online   the machine's CPUs
// That holds only where the view's own mount table shows the kernel serving the file: the mount that covers
// it is procfs (sysfs) and maps the path to the same file in that filesystem. lxcfs mounted over
// /proc/meminfo (fuse.lxcfs), a bind of /dev/null over a masked path, anything else, and the file is the
// view's own. /proc/net/* and /proc/PID/* depend on the view and are never listed here.
import type {Mount} from '../parse/mountinfo.js'

/** Guest path -> the filesystem type that must serve it, and the mount point that filesystem belongs at. */
const KERNEL_GLOBAL = new Map<string, {fsType: string; home: string}>()
for (const p of ['meminfo', 'stat', 'cpuinfo', 'vmstat', 'diskstats', 'uptime', 'loadavg', 'swaps'])
  KERNEL_GLOBAL.set(`/proc/${p}`, {fsType: 'proc', home: '/proc'})
for (const p of ['cpu', 'memory', 'io']) KERNEL_GLOBAL.set(`/proc/pressure/${p}`, {fsType: 'proc', home: '/proc'})
for (const p of ['perf_event_paranoid', 'kptr_restrict', 'dmesg_restrict'])
  KERNEL_GLOBAL.set(`/proc/sys/kernel/${p}`, {fsType: 'proc', home: '/proc'})
KERNEL_GLOBAL.set('/sys/devices/system/cpu/online', {fsType: 'sysfs', home: '/sys'})

/** Whether `mounts` (a view's visible mounts) show the kernel serving `guestPath` (normalised), a listed file. */
export function servedByKernel(mounts: readonly Mount[], guestPath: string): boolean {
  const want = KERNEL_GLOBAL.get(guestPath)
  if (!want) return false
  let cover: Mount | undefined
  for (const m of mounts) {
    const p = m.mountPoint
    const under = guestPath === p || guestPath.startsWith(p === '/' ? '/' : p + '/')
    if (under && (!cover || p.length > cover.mountPoint.length)) cover = m
  }
  if (!cover || cover.fsType !== want.fsType) return false
  // The file in the filesystem: the mount's root plus the rest of the path ("/sys" on /proc/sys: /sys/kernel/x).
  const rest = guestPath.slice(cover.mountPoint === '/' ? 0 : cover.mountPoint.length)
  const inFs = (cover.root === '/' ? '' : cover.root) + rest
  return inFs === guestPath.slice(want.home.length)
}

export const isKernelGlobal = (guestPath: string): boolean => KERNEL_GLOBAL.has(guestPath)
