// The --run annotations, line by line, on the fixtures (no tool is run): real output lines of procps and
// sysstat (captured on these VMs) get the container's numbers, and the lxcfs fixture gets lxcfs wording.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {TOOLS} from '../../src/explain/registry.js'
import {keyFiles} from '../../src/explain/tools/cgroup-files.js'
import {LXCFS, PLAIN, reportOf} from './lib.js'

const annotate = (tool: string, line: string, fixture = PLAIN) => {
  const spec = TOOLS.find((t) => t.tool === tool)!
  return spec.annotate ? spec.annotate(line, reportOf(fixture)) : null
}

test('free: "Mem:" names the host total, the limit, the working set and the headroom; lxcfs says lxcfs', () => {
  const mem = 'Mem:           65536       30000       20000         64       13000       57344'
  assert.is(
    annotate('free', mem),
    '"total" is the host\'s 64 GiB; your limit is 1 GiB, working set 216.46 MiB, headroom 807.54 MiB',
  )
  assert.match(annotate('free', mem, LXCFS) ?? '', /lxcfs/)
  assert.not.match(annotate('free', mem, LXCFS) ?? '', /64 GiB/)
  assert.is(annotate('free', 'Swap:             0           0           0'), 'host swap; your swap limit: 1 GiB')
  assert.is(annotate('free', '               total        used        free      shared  buff/cache   available'), null)
})

test("uptime: host load beside the cores owned and the throttling; lxcfs load is the container's", () => {
  const line = ' 15:38:11 up 15 days, 0 users,  load average: 6.18, 5.42, 4.97'
  assert.is(
    annotate('uptime', line),
    'host-wide load: every task on the host. You own 1.5 cores, throttled 211 periods; "up" is the host\'s boot time',
  )
  assert.match(annotate('uptime', line, LXCFS) ?? '', /virtualized by lxcfs/)
})

test('mpstat: the header, the all row, and rows outside the cpuset 0-3', () => {
  assert.is(
    annotate('mpstat', 'Linux 6.18.44 (vm) \t11/26/26 \t_x86_64_\t(8 CPU)'),
    '8 CPUs online on the host; this container owns 1.5 cores',
  )
  assert.is(
    annotate(
      'mpstat',
      '15:38:08     all   49.00    0.00   11.00    0.00    0.00    0.00    0.00    0.00    0.00   40.00',
    ),
    "all host CPUs together, every container's work",
  )
  assert.is(
    annotate(
      'mpstat',
      '15:38:08       2   50.50    0.00    9.90    0.00    0.00    0.00    0.00    0.00    0.00   39.60',
    ),
    null,
    'CPU 2 is in the cpuset',
  )
  assert.is(
    annotate(
      'mpstat',
      '15:38:08       5   50.50    0.00    9.90    0.00    0.00    0.00    0.00    0.00    0.00   39.60',
    ),
    "CPU 5 is outside your cpuset: this is other tenants' work",
  )
  assert.is(
    annotate(
      'mpstat',
      '03:38:08 PM       6   50.50    0.00    9.90    0.00    0.00    0.00    0.00    0.00    0.00   39.60',
    ),
    "CPU 6 is outside your cpuset: this is other tenants' work",
  )
  assert.is(
    annotate(
      'mpstat',
      '15:38:07     CPU    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle',
    ),
    null,
  )
})

test('vmstat, pidstat, sar, nproc, top: the cores owned and the limit', () => {
  assert.is(
    annotate('vmstat', ' 2  0      0 23479348 136108 613648    0    0   387  2122  879 2726 24 13 63  0  0'),
    'r counts host tasks (you own 1.5 cores); free/buff/cache are host memory (your limit: 1 GiB)',
  )
  assert.is(
    annotate('vmstat', ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st'),
    null,
  )
  assert.match(
    annotate('vmstat', ' 2  0      0 23479348 136108 613648    0    0   387  2122  879 2726 24 13 63  0  0', LXCFS) ??
      '',
    /memory columns from lxcfs/,
  )
  assert.is(
    annotate('pidstat', 'Linux 6.18.44 (vm) \t11/26/26 \t_x86_64_\t(8 CPU)'),
    '8 host CPUs; %CPU is per one CPU; you own 1.5 cores',
  )
  assert.is(annotate('sar -n DEV', 'Linux 6.18.44 (vm) \t11/26/26 \t_x86_64_\t(8 CPU)'), 'host CPUs; you own 1.5 cores')
  assert.is(annotate('nproc', '4'), 'CPUs in the affinity mask (cpuset); the quota gives 1.5 cores')
  assert.is(
    annotate('top', 'top - 15:38:14 up 15 days,  0 user,  load average: 6.18, 5.42, 4.97'),
    'host load; you own 1.5 cores',
  )
  assert.is(
    annotate('top', 'MiB Mem :  65536.0 total,  22745.8 free,    669.3 used,    969.4 buff/cache'),
    'host memory; your limit: 1 GiB',
  )
  assert.is(
    annotate('top', 'MiB Mem :  1024.0 total,  708.1 free,    200.0 used,    110.0 buff/cache', LXCFS),
    null,
    "lxcfs memory is not the host's",
  )
})

test('iostat, dmesg, df: host devices, OOM kills of other cgroups, the overlay root', () => {
  assert.is(
    annotate('iostat', 'avg-cpu:  %user   %nice %system %iowait  %steal   %idle'),
    'CPU split of the whole host',
  )
  assert.is(
    annotate('iostat', 'nvme0n1         45.95    767.80     7.34  13.78    0.48    16.71'),
    "host device nvme0n1: everyone's I/O",
  )
  assert.is(annotate('iostat', 'nvme0n1         45.95    767.80     7.34  13.78    0.48    16.71', LXCFS), null)
  const oom = '[12.3] Memory cgroup out of memory: Killed process 4242 (java)'
  // A private cgroupns: this cgroup is "/" here, the log has the host's paths. Host cgroupns: its own path.
  assert.is(
    annotate('dmesg', oom),
    "an OOM kill somewhere on the host: its memcg path is the host's view, hidden from this cgroup namespace; your own count is in /sys/fs/cgroup/memory.events",
  )
  assert.is(
    annotate('dmesg', oom, 'docker-v1-hostns'),
    `an OOM kill somewhere on the host: yours only if its memcg path is ${reportOf('docker-v1-hostns').cgroup.hierarchies.find((h) => h.controllers.includes('memory'))!.cgroupPath}`,
  )
  assert.match(annotate('dmesg', oom, 'docker-v1-hostns') ?? '', /docker\//)
  assert.is(annotate('dmesg', '[12.3] eth0: link up'), null)
  assert.is(
    annotate('df', 'overlay          98G   41G   53G  44% /'),
    'overlay root: the host filesystem of the image store, shared',
  )
  assert.is(annotate('df', 'tmpfs            64M     0   64M   0% /dev'), null)
})

test('the cgroup files to cat come from the report, absolute, without spaces', () => {
  assert.equal(keyFiles(reportOf(PLAIN)), [
    '/sys/fs/cgroup/cpu.max',
    '/sys/fs/cgroup/cpu.stat',
    '/sys/fs/cgroup/memory.max',
    '/sys/fs/cgroup/memory.events',
    '/sys/fs/cgroup/pids.max',
  ])
})

test('every runnable tool runs bounded: interval 1 and count 1 (vmstat 2: its first line is since boot)', () => {
  const argv = Object.fromEntries(TOOLS.map((t) => [t.tool, t.run?.join(' ') ?? null]))
  assert.equal(argv, {
    uptime: 'uptime',
    dmesg: 'dmesg',
    vmstat: 'vmstat 1 2',
    mpstat: 'mpstat -P ALL 1 1',
    pidstat: 'pidstat 1 1',
    iostat: 'iostat -xz -y 1 1',
    free: 'free -m',
    'sar -n DEV': 'sar -n DEV 1 1',
    'sar -n TCP,ETCP': 'sar -n TCP,ETCP 1 1',
    top: 'top -b -n 1 -w 200',
    ps: 'ps -eo pid,ppid,user,pcpu,pmem,rss,etime,comm',
    nproc: 'nproc',
    df: 'df -h',
    perf: 'perf stat -e task-clock -- true',
    'docker stats': null,
    'kubectl top': null,
    cgroup: 'cat',
  })
})

test.run()
