import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bullets, heading, para, rows, title, type Doc} from '../blocks.js'
import {docText} from '../text/render.js'
import {cmd, num, p, warn} from '../tokens.js'
import {DocView} from './DocView.js'
import {renderDocInk} from './render.js'
import {frameOf} from '../../../test/helpers/ink.js'

const doc: Doc = [
  title('guestview owns', 'cgroup v2'),
  heading('CPU'),
  rows('fit', [{key: 'limit', value: [num(1.5, 'cores')], source: './cpu.max'}]),
  heading(p`findings (${num(1, 'count')}; ${cmd('guestview check')} for all)`),
  bullets([[warn('WARN:'), ...p` the kernel shows ${num(8, 'count')} CPUs`]]),
  para(p`Explain one: ${cmd('guestview explain free --run')}.`),
  title('guestview check'),
  rows('fit', [{key: 'none', value: p`nothing found`}]),
]

test('every block in order, each heading after a blank line, in the width given', () => {
  const frame = frameOf(<DocView doc={doc} width={60} />)
  const lines = frame.split('\n')
  assert.match(lines[1]!, /│ guestview owns {2}cgroup v2 +│/)
  assert.is(lines[3], '')
  assert.is(lines[4], 'CPU')
  assert.is(lines[5], '  limit  1.5 cores')
  assert.is(lines[6], '           from ./cpu.max')
  assert.ok(frame.includes('findings (1; guestview check for all)'))
  assert.ok(frame.includes('• WARN: the kernel shows 8 CPUs'))
  assert.ok(frame.includes('  none  nothing found'), 'the fit column starts again under the second title')
  for (const l of lines) assert.ok(l.length <= 60, l)
})

test('the words on a terminal are the words of the plain text', () => {
  const words = (s: string) =>
    s
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/`|\(!\)|^ {2}- /gm, '')
      .replace(/[│╭╮╰╯─•=]/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .join(' ')
  assert.is(words(renderDocInk(doc, 80)), words(docText(doc, 80).replace(/ {2}\(cgroup v2\)/, ' cgroup v2')))
})

test.run()
