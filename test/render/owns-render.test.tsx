import {render} from 'ink-testing-library'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Sections} from '../../src/render/ink/Sections.js'
import {renderSectionsInk} from '../../src/render/ink/render.js'
import {ownsSections} from '../../src/render/owns-view.js'
import {renderSectionsText, wrap} from '../../src/render/text.js'
import {buildOwns} from '../../src/report/owns.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'
import {existsSync, readdirSync} from 'node:fs'

// Any fixture works for rendering; prefer one with limits. Fall back to the live system.
const candidates = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'root')))
  : []
const rootDir = candidates.includes('docker-v2-private')
  ? join(FIXTURES, 'docker-v2-private', 'root')
  : candidates[0]
    ? join(FIXTURES, candidates[0], 'root')
    : '/'
const report = buildOwns(new Sysroot(rootDir))
const sections = ownsSections(report)
const ANSI = /\u001b\[/

test('plain text: no ANSI codes and every line fits 80 columns', () => {
  const out = renderSectionsText('guestview owns', sections, 80)
  assert.not.match(out, ANSI)
  for (const line of out.split('\n')) assert.ok(line.length <= 80, `too long (${line.length}): ${line}`)
  assert.not.match(out, /NaN|undefined/)
})

test('plain text carries the same values as the report', () => {
  const out = renderSectionsText('guestview owns', sections, 80)
  assert.match(out, new RegExp(`version\\s+${report.cgroup.version}`))
  assert.match(out, /effective cores/)
})

test('wrap cuts words longer than the line', () => {
  const lines = wrap('from ' + '/x'.repeat(100), 40, '    ')
  for (const l of lines) assert.ok(l.length <= 40)
  assert.is(lines.join('').replace(/\s/g, ''), 'from' + '/x'.repeat(100))
})

test('Ink component renders every section title and the limit values', () => {
  const {lastFrame, unmount} = render(<Sections title="guestview owns" sections={sections} width={100} />)
  const frame = lastFrame() ?? ''
  for (const s of sections) assert.ok(frame.includes(s.title), `missing section ${s.title}`)
  assert.ok(frame.includes('effective cores'))
  unmount()
})

test('Ink one-frame render fits the requested columns', () => {
  const out = renderSectionsInk('guestview owns', sections, 80).replace(/\u001b\[[0-9;]*m/g, '')
  for (const line of out.split('\n')) assert.ok(line.length <= 80, `too long (${line.length}): ${line}`)
})

test.run()
