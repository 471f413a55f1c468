// What one row of `guestview pod` shows, computed for that row alone: limits, usage now, throttling, working
// set against the limit, OOM kills, PIDs, and the top findings. The full report (report/full.ts) of each
// container would also read its io, its target, every view, every namespace and probe, and evaluate every
// rule, for a row that prints none of them: issue 8 asks `pod --json` to answer within 1.5x of `owns --json`
// (bench/pod.ts). Here, the rules are asked tier by tier (findings/registry.ts topFindings), and what they
// read is computed on first use: io, the hidden-ancestor counters, the host view, the probes, each view,
// each namespace. The values are those of buildFull on the same Sysroot: test/report/pod-row.test.ts
// compares them over every fixture.
import {discover} from '../cgroup/discover.js'
import {topFindings} from '../findings/registry.js'
import type {Finding, FindingContext} from '../findings/types.js'
import type {HiddenReadings} from '../model/hidden.js'
import {readHostView, type HostView} from '../model/hostview.js'
import {readIo} from '../model/io.js'
import type {Owned} from '../model/owned.js'
import {readDmesgProbe, type DmesgProbe} from '../probes/dmesg.js'
import {readNamespace, type NsState} from '../probes/namespaces.js'
import {readPerfProbe, type PerfProbe} from '../probes/perf.js'
import {readNsPid, readProcessProbe, type ProcessProbe} from '../probes/process.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {lazyViews, type ViewContext} from '../views/classify.js'
import {hiddenOf, readOwnedExceptIo} from './owns.js'

export type PodRowReading = {owned: Omit<Owned, 'io'>; findings: Finding[]}

/** A value computed on its first use, then kept. */
function once<T>(compute: () => T): () => T {
  let kept: {value: T} | undefined
  return () => (kept ??= {value: compute()}).value
}

/** The row of the container `sys` is the view of: its owned values and its `top` most severe findings. */
export function readPodRow(sys: Sysroot, top: number): PodRowReading {
  const d = discover(sys)
  const r = readOwnedExceptIo(sys, d)
  const io = once(() => readIo(r.controllers.io).owned)
  const owns: Owned = {
    ...r.owned,
    get io() {
      return io()
    },
  }
  const hidden = once((): HiddenReadings => hiddenOf(sys, d, r))
  const host = once((): HostView => readHostView(sys))
  const process = once((): ProcessProbe => readProcessProbe(sys))
  // The PIDs view (read by the load-average finding) needs only this of the process probe.
  const nsPid = once(() => readNsPid(sys))
  const dmesg = once((): DmesgProbe => readDmesgProbe(sys, process()))
  const perf = once((): PerfProbe => readPerfProbe(sys, process()))
  const ns = (type: 'pid' | 'net' | 'uts' | 'time') => once((): NsState => readNamespace(sys, type))
  const nsOf = {pid: ns('pid'), net: ns('net'), uts: ns('uts'), time: ns('time')}
  const viewContext: ViewContext = {
    sys,
    mounts: d.mounts,
    ns: {
      get pid() {
        return nsOf.pid()
      },
      get net() {
        return nsOf.net()
      },
      get uts() {
        return nsOf.uts()
      },
      get time() {
        return nsOf.time()
      },
    },
    get nsPid() {
      return nsPid()
    },
    get dmesg() {
      return dmesg()
    },
    cgroupDirs: [...new Set(d.hierarchies.flatMap((h) => (h.dir ? [h.dir] : [])))],
  }
  const ctx: FindingContext = {
    owns,
    views: lazyViews(viewContext),
    get host() {
      return host()
    },
    get process() {
      return process()
    },
    get perf() {
      return perf()
    },
    get dmesg() {
      return dmesg()
    },
    get hidden() {
      return hidden()
    },
  }
  return {owned: r.owned, findings: topFindings(ctx, top)}
}
