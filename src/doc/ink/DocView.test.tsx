import chalk from 'chalk'
import {Box, Text, renderToString} from 'ink'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bullets, heading, para, rows, statusLine, title, type Block, type Doc} from '../blocks.js'
import {columnKeyWidth, fitKeyWidths} from '../layout.js'
import {docText} from '../text/render.js'
import {cmd, num, p, path, warn} from '../tokens.js'
import {Code} from './Code.js'
import {DocView} from './DocView.js'
import {Inline, inlineText} from './Inline.js'
import {Rows} from './Rows.js'
import {Title} from './Title.js'
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

/** DocView as it drew before its lines became text (src/doc/ink/pieces.tsx): a box or two for every block. */
function Boxes({doc, width}: {doc: Doc; width: number}) {
  const fit = fitKeyWidths(doc)
  const block = (b: Block, i: number) => {
    switch (b.b) {
      case 'title':
        return <Title key={i} text={b.text} sub={b.sub} first={i === 0} />
      case 'heading':
        return (
          <Box key={i} marginTop={1}>
            <Text bold color="magenta">
              {inlineText(b.text, true)}
            </Text>
          </Box>
        )
      case 'para':
        return (
          <Box key={i} paddingLeft={2}>
            <Inline tokens={b.text} />
          </Box>
        )
      case 'line':
        return (
          <Box key={i}>
            <Inline tokens={b.text} />
          </Box>
        )
      case 'bullets':
        return (
          <Box key={i} flexDirection="column" paddingLeft={2}>
            {b.items.map((item, j) => (
              <Box key={j}>
                <Box width={2} flexShrink={0}>
                  <Text>•</Text>
                </Box>
                <Inline tokens={item} />
              </Box>
            ))}
          </Box>
        )
      case 'rows':
        return <Rows key={i} block={b} keyWidth={b.layout === 'fit' ? fit[i]! : columnKeyWidth(width)} />
      case 'code':
        return <Code key={i} block={b} />
    }
  }
  return (
    <Box flexDirection="column" width={width}>
      {doc.map(block)}
    </Box>
  )
}

// Every kind of block, each with lines that fit and lines that wrap at some of the widths.
const every: Doc = [
  title('guestview owns: what this container owns', 'cgroup v2, private cgroupns'),
  heading(p`findings (${num(10, 'count')}; ${cmd('guestview check')} for all)`),
  bullets([
    [warn('CRIT:'), ...p` 2 processes were OOM-killed in this cgroup`],
    p`short`,
    p`a bullet long enough to wrap at forty columns, and at sixty too, with ${path('/sys/fs/cgroup/memory.max')}`,
    [],
  ]),
  para(p`Explain one: ${cmd('guestview explain free --run')}.`),
  para(p`a paragraph long enough to wrap at every width up to eighty columns, and then some more words after that`),
  statusLine(p`captured to ${path('/tmp/x')}`),
  rows('fit', [
    {key: 'limit', value: [num(1.5, 'cores')], note: p`quota 150000 us per 100000 us period`, source: './cpu.max'},
    {key: 'usage', value: p`${num(4.8, 'seconds')}`, tone: 'good'},
  ]),
  heading('a heading that is far too long to fit on one line at the narrow widths of this test'),
  rows('column', [{key: 'uptime', value: p`${cmd('cat /proc/uptime')} reads the host's`, tone: 'warn'}]),
  rows('stacked', [{key: 'CRIT oom-killed', value: p`2 processes were OOM-killed`, note: p`see memory.events`}]),
  {
    b: 'code',
    head: '$ free -m',
    lines: [
      {text: 'Mem: 64000 1200', note: 'the host'},
      {text: '', note: null},
      {text: 'Swap: 0 0 0 and a line long enough to be cut at the narrow widths', note: 'a note long enough to wrap'},
      {text: 'µ × Δ 漢字', note: null},
    ],
  },
  heading('µ × Δ 漢字'),
  para([]),
]

test('lines as text: the same bytes as the boxes, every kind of block, at every width from 20 to 90, in colour', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    for (let width = 20; width <= 90; width++)
      assert.is(
        renderToString(<DocView doc={every} width={width} />, {columns: width}),
        renderToString(<Boxes doc={every} width={width} />, {columns: width}),
        `width ${width}`,
      )
  } finally {
    chalk.level = level
  }
})

test.run()
