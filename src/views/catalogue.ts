// The host-facing sources the classic tools read, and how each one's scope is decided. Data only: the
// classifier (classify.ts) checks each on this system. "kind" picks the evidence that applies:
//   file      - a /proc or /sys file the kernel serves host-wide unless lxcfs is mounted over it
//   uptime    - host-wide unless lxcfs, or a time namespace offsets CLOCK_BOOTTIME (time_namespaces(7))
//   pressure  - system-wide PSI (Documentation/accounting/psi.rst); the cgroup's own files are cgroup-scoped
//   net       - scoped by the network namespace (network_namespaces(7))
//   pids      - the /proc/<pid> listing, scoped by the PID namespace (pid_namespaces(7))
//   kmsg      - the kernel log: one per host (or denied)
//   hostname  - scoped by the UTS namespace (uts_namespaces(7))
//   cgroup    - the cgroup files themselves
export type Kind = 'file' | 'uptime' | 'pressure' | 'net' | 'pids' | 'kmsg' | 'hostname' | 'cgroup'
export type Entry = {source: string; kind: Kind; tools: string[]; shows: string}

export const CATALOGUE: Entry[] = [
  {
    source: '/proc/loadavg',
    kind: 'file',
    tools: ['uptime', 'top', 'w'],
    shows: 'load averages: runnable + uninterruptible tasks of the whole host',
  },
  {
    source: '/proc/uptime',
    kind: 'uptime',
    tools: ['uptime', 'top', 'w'],
    shows: 'time since the host kernel booted, not since the container started',
  },
  {
    source: '/proc/meminfo',
    kind: 'file',
    tools: ['free', 'top', 'vmstat'],
    shows: 'MemTotal, MemFree, MemAvailable, Cached of the whole host',
  },
  {
    source: '/proc/stat',
    kind: 'file',
    tools: ['mpstat', 'top', 'vmstat', 'sar -u'],
    shows: 'per-CPU busy/idle/steal ticks of every host CPU, context switches',
  },
  {
    source: '/proc/cpuinfo',
    kind: 'file',
    tools: ['lscpu', 'os.cpus()', 'getconf _NPROCESSORS_CONF'],
    shows: 'every host CPU, ignoring quota and cpuset',
  },
  {
    source: '/sys/devices/system/cpu/online',
    kind: 'file',
    tools: ['lscpu', 'getconf _NPROCESSORS_ONLN', 'JVM/Go/libuv fallbacks'],
    shows: 'the host CPUs online, ignoring quota (nproc uses the affinity mask: cpuset yes, quota no)',
  },
  {
    source: '/proc/diskstats',
    kind: 'file',
    tools: ['iostat', 'sar -d', 'vmstat -d'],
    shows: 'I/O of every host disk, all containers together',
  },
  {
    source: '/proc/vmstat',
    kind: 'file',
    tools: ['vmstat', 'sar -B'],
    shows: 'paging, swapping and reclaim of the whole host',
  },
  {source: '/proc/swaps', kind: 'file', tools: ['free', 'swapon'], shows: 'host swap devices'},
  {
    source: '/proc/pressure/cpu',
    kind: 'pressure',
    tools: ['cat', 'below', 'atop'],
    shows: 'system-wide CPU pressure stall time',
  },
  {
    source: '/proc/pressure/memory',
    kind: 'pressure',
    tools: ['cat', 'below', 'atop'],
    shows: 'system-wide memory pressure stall time',
  },
  {
    source: '/proc/pressure/io',
    kind: 'pressure',
    tools: ['cat', 'below', 'atop'],
    shows: 'system-wide I/O pressure stall time',
  },
  {
    source: '/proc/net/dev',
    kind: 'net',
    tools: ['sar -n DEV', 'ifstat', 'ip -s link'],
    shows: 'per-interface packets and bytes of this network namespace',
  },
  {
    source: '/proc/net/snmp',
    kind: 'net',
    tools: ['sar -n TCP,ETCP', 'netstat -s', 'nstat'],
    shows: 'TCP/UDP/IP counters of this network namespace',
  },
  {
    source: '/proc/<pid>',
    kind: 'pids',
    tools: ['ps', 'top', 'pidstat', 'htop'],
    shows: 'the processes this PID namespace can see',
  },
  {source: '/dev/kmsg', kind: 'kmsg', tools: ['dmesg', 'journalctl -k'], shows: 'the kernel ring buffer: one per host'},
  {
    source: '/proc/sys/kernel/hostname',
    kind: 'hostname',
    tools: ['hostname', 'uname -n'],
    shows: "the UTS namespace's host name",
  },
  {
    source: 'cgroup files',
    kind: 'cgroup',
    tools: ['guestview owns', 'cat', 'systemd-cgtop'],
    shows: "limits, usage and throttling of this container's own cgroup",
  },
]
