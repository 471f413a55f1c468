// Building the full report (owns + probes + views + findings) of a fixture, and the finding context the
// rules see, for tests that evaluate one rule at a time.
import {join} from 'node:path'
import type {FindingContext} from '../../src/findings/types.js'
import {buildFull, type FullReport} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import type {View} from '../../src/views/types.js'
import {FIXTURES} from './paths.js'

export const fixtureRoot = (name: string): string => join(FIXTURES, name, 'root')

export function fullFor(name: string): FullReport {
  return buildFull(new Sysroot(fixtureRoot(name)), new Date('2026-11-26T12:00:00Z'))
}

/** A context whose views are a Map (as buildFull's are), so that a test can list or replace them. */
export type MapContext = FindingContext & {views: Map<string, View>}

/** The context registry.evaluate() builds inside buildFull, rebuilt from the report it returned. */
export function contextOf(r: FullReport): MapContext {
  return {
    owns: r,
    views: new Map(r.views.map((v) => [v.source, v])),
    host: r.hostView,
    process: r.probes.process,
    perf: r.probes.perf,
    dmesg: r.probes.dmesg,
  }
}

/** A deep copy, so a test can change one fact of a context without touching the next test's. */
export function cloneContext(ctx: MapContext): MapContext {
  return {
    owns: structuredClone(ctx.owns),
    views: new Map([...ctx.views].map(([k, v]) => [k, {...v}])),
    host: structuredClone(ctx.host),
    process: structuredClone(ctx.process),
    perf: {...ctx.perf},
    dmesg: {...ctx.dmesg},
  }
}
