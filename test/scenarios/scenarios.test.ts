// Every fixtures/<name>/ that holds an expected.json is a scenario: build the report from its root/ and
// compare the contract projection with the hand-derived (or reviewed) expectation. The list is whatever
// exists on disk, so fixtures added later (captures of real cgroups) are picked up without editing this file.
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {buildOwns} from '../../src/report/owns.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {contractView} from '../helpers/contract.js'
import {FIXTURES} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'
import {invariantProblems} from './invariants.js'

const dirs = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((n) => statSync(join(FIXTURES, n)).isDirectory())
      .sort()
  : []

if (dirs.length === 0) skip(test, 'scenarios', `no fixture directories under ${FIXTURES}`)

for (const name of dirs) {
  const dir = join(FIXTURES, name)
  const expectedPath = join(dir, 'expected.json')
  if (!existsSync(expectedPath)) {
    skip(test, `${name}: contract`, `fixtures/${name} has no expected.json`)
    continue
  }
  if (!existsSync(join(dir, 'root'))) {
    test(`${name}: has a root/ tree`, () => assert.unreachable(`fixtures/${name} has expected.json but no root/`))
    continue
  }

  test(`${name}: contract view equals expected.json`, () => {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as unknown
    const report = buildOwns(new Sysroot(join(dir, 'root')))
    assert.equal(contractView(report), expected)
  })

  test(`${name}: report is clean JSON and every Limit is well formed`, () => {
    const report = buildOwns(new Sysroot(join(dir, 'root')))
    // Throws on a BigInt that leaked into the report. The report's id is random (nanoid's alphabet holds N and a:
    // an id can read "NaN"), so it is left out of the search.
    const json = JSON.stringify({...report, id: ''})
    for (const bad of ['NaN', 'undefined', 'Infinity']) {
      assert.not.ok(json.includes(bad), `${name}: the report JSON contains "${bad}"`)
    }
    // JSON.stringify turns NaN and Infinity into null, so walk the object itself too.
    assert.equal(invariantProblems(report), [])
  })
}

test.run()
