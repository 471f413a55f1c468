import * as units from '../../units/units.js'
import type {Rule} from '../types.js'

export const pressureHostWide: Rule = {
  id: 'pressure-host-wide',
  summary: "/proc/pressure is system-wide PSI; the cgroup's own files are yours",
  maxSeverity: 'info',
  evaluate({views, owns}) {
    if (views.get('/proc/pressure/cpu')?.scope !== 'host') return null
    const sys = owns.pressure.system
    const own = owns.pressure
    // PSI averages are the kernel's percentages with two decimals; "?" where a file has no "some" line.
    const some = (p: typeof own.cpu) => (p.state === 'available' && p.some ? units.decimal(p.some.avg10, 2) : '?')
    const ownAvailable = own.cpu.state === 'available'
    return {
      id: this.id,
      severity: 'info',
      title: `/proc/pressure shows the host's stalls (cpu some avg10 ${some(sys.cpu)}%)${ownAvailable ? `; this cgroup's own cpu.pressure says ${some(own.cpu)}%` : '; per-cgroup PSI is unavailable here'}`,
      host: {cpu: sys.cpu, memory: sys.memory, io: sys.io},
      owned: {cpu: own.cpu, memory: own.memory, io: own.io},
      advice: ownAvailable
        ? `Read ${own.cpu.state === 'available' ? own.cpu.source : 'cpu.pressure'} (and memory.pressure, io.pressure) in your cgroup: they count only your tasks' stalls.`
        : 'Per-cgroup PSI needs cgroup v2 (or the unified mount of a hybrid layout) and PSI enabled; without it, use throttling counters and working set instead.',
      sources: ['/proc/pressure/cpu', own.cpu.source ?? 'cgroup cpu.pressure'],
    }
  },
}
