// A `guestview pod` row computes only what it shows (report/pod-row.ts): its values must be the full report's,
// on every fixture, and its top findings the first of the full list. topFindings asks the rules tier by tier,
// trusting each rule's maxSeverity: checked here against evaluate() on the fixtures and on copies of their
// contexts made to fire the crit rules. And the laziness itself: a row whose top three are the first three
// warnings reads nothing that only later rules need.
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {evaluate, RULES, topFindings} from '../../src/findings/registry.js'
import {SEVERITY_RANK, type FindingContext} from '../../src/findings/types.js'
import {buildFull} from '../../src/report/full.js'
import {readPodRow} from '../../src/report/pod-row.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'
import {cloneContext, contextOf, fixtureRoot, type MapContext} from '../helpers/report.js'

const NOW = new Date('2026-11-26T12:00:00Z')
const fixtures = readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'root')))

test('there are fixtures to compare on', () => {
  assert.ok(fixtures.length >= 10, `only ${fixtures.length} fixtures`)
})

for (const name of fixtures) {
  test(`${name}: a pod row's values and top findings are the full report's`, () => {
    const full = buildFull(new Sysroot(fixtureRoot(name)), NOW)
    for (const n of [0, 1, 3, RULES.length]) {
      const row = readPodRow(new Sysroot(fixtureRoot(name)), n)
      assert.equal(row.findings, full.findings.slice(0, n), `top ${n}`)
      const {cgroup, cpu, memory, pids, pressure, host} = full
      assert.equal(row.owned, {cgroup, cpu, memory, pids, pressure, host})
    }
  })
}

/** Copies of a fixture's context with facts changed so that the crit and warn rules fire in many mixes. */
function variants(ctx: MapContext): FindingContext[] {
  const out: FindingContext[] = [ctx]
  for (const mask of [1, 2, 3, 4, 7, 8, 15]) {
    const c = cloneContext(ctx)
    if (mask & 1) c.owns.memory.oomKills = 2
    if (mask & 2 && c.owns.cpu.throttling)
      c.owns.cpu.throttling = {...c.owns.cpu.throttling, periods: 100, throttledPeriods: mask & 4 ? 3 : 60}
    if (mask & 4 && c.owns.pids.limit.state === 'limited') c.owns.pids.current = c.owns.pids.limit.value
    if (mask & 8 && c.owns.memory.limit.state === 'limited')
      c.owns.memory.workingSetBytes = Math.floor(c.owns.memory.limit.value * 0.95)
    out.push(c)
  }
  return out
}

test('topFindings(ctx, n) is evaluate(ctx).slice(0, n), and no rule exceeds its maxSeverity', () => {
  let contexts = 0
  for (const name of fixtures) {
    for (const ctx of variants(contextOf(buildFull(new Sysroot(fixtureRoot(name)), NOW)))) {
      contexts++
      const all = evaluate(ctx)
      for (const f of all) {
        const rule = RULES.find((r) => r.id === f.id)!
        assert.ok(
          SEVERITY_RANK[f.severity] <= SEVERITY_RANK[rule.maxSeverity],
          `${name}: ${f.id} gave ${f.severity}, above its maxSeverity ${rule.maxSeverity}`,
        )
      }
      for (let n = 0; n <= RULES.length + 1; n++) assert.equal(topFindings(ctx, n), all.slice(0, n), `${name} top ${n}`)
    }
  }
  assert.ok(contexts > fixtures.length * 4)
})

test('a row whose top three are the first warnings reads nothing that only later rules need', () => {
  // findings-v2-1g-on-64g: four warnings (meminfo, cpu count, load, perf), then uptime, diskstats, pressure, dmesg.
  const sys = new Sysroot(fixtureRoot('findings-v2-1g-on-64g'), {record: true})
  const row = readPodRow(sys, 3)
  assert.equal(
    row.findings.map((f) => f.id),
    ['meminfo-host-wide', 'cpu-count-host-wide', 'load-average-host-wide'],
  )
  const read = [...sys.recorded.keys()]
  for (const path of ['/dev/kmsg', '/proc/net/dev', '/proc/sys/kernel/perf_event_paranoid'])
    assert.not.ok(read.includes(path), `${path} was read`)
  assert.not.ok(
    read.some((p) => p.endsWith('/io.stat')),
    'io.stat was read',
  )
})

test.run()
