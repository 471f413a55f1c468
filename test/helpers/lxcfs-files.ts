// What lxcfs serves, for the unit tests that check the views on the lxcfs fixture and the live tests that
// run lxcfs (lxcfs.ts, which imports the live-test machinery: a unit test cannot import it).

/** The files lxcfs serves that a container runtime bind-mounts over the kernel's. */
export const LXCFS_FILES = [
  'proc/meminfo',
  'proc/cpuinfo',
  'proc/stat',
  'proc/uptime',
  'proc/loadavg',
  'proc/diskstats',
  'proc/swaps',
  'sys/devices/system/cpu/online',
]

/** The same as the guest sees them (the views' sources): each under /. */
export const LXCFS_SOURCES = LXCFS_FILES.map((f) => `/${f}`)
