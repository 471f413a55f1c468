// `owns` reads only what it prints: the hidden-ancestor counters (cpu.stat.local...) are read for the full
// report and `diagnose` (buildOwnsWithCounters), never for `owns --json` (buildOwns), and the report itself is
// the same either way, on every fixture.
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {discover} from '../../src/cgroup/discover.js'
import {buildOwns, buildOwnsWithCounters} from '../../src/report/owns.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'
import {fixtureRoot} from '../helpers/report.js'

const NOW = new Date('2026-11-26T12:00:00Z')
const HIDDEN = 'unshare-v1hybrid-hidden-parent'
const LOCAL = '/sys/fs/cgroup/cpu/cpu.stat.local'

test(`${HIDDEN}: the counters read cpu.stat.local; owns does not`, () => {
  assert.ok(existsSync(join(fixtureRoot(HIDDEN), LOCAL)), 'the fixture holds cpu.stat.local')
  const withCounters = new Sysroot(fixtureRoot(HIDDEN), {record: true})
  buildOwnsWithCounters(withCounters, discover(withCounters), NOW)
  assert.ok(withCounters.recorded.has(LOCAL))
  const owns = new Sysroot(fixtureRoot(HIDDEN), {record: true})
  buildOwns(owns, NOW)
  assert.not.ok(owns.recorded.has(LOCAL))
})

for (const name of readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'root')))) {
  test(`${name}: owns without the counters is the report with them`, () => {
    const sys = new Sysroot(fixtureRoot(name))
    const {report} = buildOwnsWithCounters(sys, discover(sys), NOW)
    const owns = buildOwns(new Sysroot(fixtureRoot(name)), NOW)
    assert.equal({...owns, id: ''}, {...report, id: ''})
  })
}

test.run()
