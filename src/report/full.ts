// The full report: the owns object plus what the guest may do (probes), which views are host-wide
// (views) and what misleads right now (findings). `report --json` prints it; `capture` records
// everything it reads, so a capture replays every command.
import {evaluate} from '../findings/registry.js'
import type {Finding} from '../findings/types.js'
import {hostViewFields, readHostView, type HostView} from '../model/hostview.js'
import {dmesgFields, readDmesgProbe, type DmesgProbe} from '../probes/dmesg.js'
import {readNamespace, type NsState} from '../probes/namespaces.js'
import {perfFields, readPerfProbe, type PerfProbe} from '../probes/perf.js'
import {processFields, readProcessProbe, type ProcessProbe} from '../probes/process.js'
import {fileProblems} from '../sysroot/read-field.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {classifyAll} from '../views/classify.js'
import type {View} from '../views/types.js'
import {discover} from '../cgroup/discover.js'
import {unknownsOf} from '../model/fields.js'
import {buildOwnsWithCounters, type Debug, type OwnsReport} from './owns.js'

export type Probes = {
  process: ProcessProbe
  perf: PerfProbe
  dmesg: DmesgProbe
  namespaces: Record<'pid' | 'net' | 'uts' | 'time' | 'user' | 'ipc' | 'mnt', NsState>
}

export type FullReport = Omit<OwnsReport, 'debug'> & {
  probes: Probes
  hostView: HostView
  views: View[]
  findings: Finding[]
  debug: Debug
}

export function buildFull(sys: Sysroot, now: Date = new Date()): FullReport {
  const d = discover(sys)
  const {report, counters} = buildOwnsWithCounters(sys, d, now)
  const {debug, ...owns} = report
  const process = readProcessProbe(sys)
  const namespaces = {
    pid: readNamespace(sys, 'pid'),
    net: readNamespace(sys, 'net'),
    uts: readNamespace(sys, 'uts'),
    time: readNamespace(sys, 'time'),
    user: readNamespace(sys, 'user'),
    ipc: readNamespace(sys, 'ipc'),
    mnt: readNamespace(sys, 'mnt'),
  }
  const dmesg = readDmesgProbe(sys, process)
  const perf = readPerfProbe(sys, process)
  const views = classifyAll({
    sys,
    mounts: d.mounts,
    ns: namespaces,
    nsPid: process.nsPid,
    dmesg,
    cgroupDirs: [...new Set(owns.cgroup.hierarchies.flatMap((h) => (h.dir ? [h.dir] : [])))],
  })
  const hostView = readHostView(sys)
  const findings = evaluate({
    owns,
    views: new Map(views.map((v) => [v.source, v])),
    host: hostView,
    process,
    perf,
    dmesg,
    hidden: counters.hidden,
  })
  return {
    ...owns,
    probes: {process, perf, dmesg, namespaces},
    hostView,
    views,
    findings,
    // debug stays last: contract first, internals after.
    debug: {
      ...debug,
      unknown: {
        ...debug.unknown,
        ...unknownsOf('probes.process', processFields(sys)),
        ...unknownsOf('probes.perf', perfFields(sys)),
        ...unknownsOf('probes.dmesg', dmesgFields(sys)),
        ...unknownsOf('hostView', hostViewFields(sys)),
      },
      problems: fileProblems(sys),
    },
  }
}
