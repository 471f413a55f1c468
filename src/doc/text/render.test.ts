// The plain-text renderer on small documents: the exact text of each block, and the layout rules.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {bullets, heading, para, rows, title, type Doc} from '../blocks.js'
import {cmd, num, p, path, warn} from '../tokens.js'
import {docText} from './render.js'

const lines = (...l: string[]) => l.join('\n')

test('title: with its subtitle on one line when it fits, underlined; else the subtitle below', () => {
  assert.is(docText([title('free -m', 'step 7')], 80), lines('free -m  (step 7)', '================='))
  assert.is(
    docText([title('guestview owns: what this container owns', 'a long subtitle')], 40),
    lines('guestview owns: what this container owns', '(a long subtitle)', '========================================'),
  )
})

test('heading, paragraph and bullets: a blank line before each heading, text indented and wrapped', () => {
  const doc: Doc = [
    heading(p`findings (${num(2, 'count')}; ${cmd('guestview check')} for all)`),
    para(p`one two three four five six seven eight nine ten`),
    bullets([p`${warn('WARN:')} first`, p`second item that wraps onto a second line`]),
  ]
  assert.is(
    docText(doc, 30),
    lines(
      '',
      'findings (2; `guestview check`',
      'for all)',
      '  one two three four five six',
      '  seven eight nine ten',
      '  - (!) WARN: first',
      '  - second item that wraps',
      '    onto a second line',
    ),
  )
})

test('"fit" rows: one key column for every fit table under a title, with notes and sources under the value', () => {
  const doc: Doc = [
    title('t'),
    heading('CPU'),
    rows('fit', [{key: 'limit', value: [num(1.5, 'cores')], note: p`quota 150000 us`, source: './cpu.max'}]),
    heading('memory'),
    rows('fit', [{key: 'working set', value: [num(1024 ** 3, 'bytes')]}]),
  ]
  assert.is(
    docText(doc, 80),
    lines(
      't',
      '=',
      '',
      'CPU',
      '  limit        1.5 cores',
      '                 quota 150000 us',
      '                 from ./cpu.max',
      '',
      'memory',
      '  working set  1 GiB',
    ),
  )
})

test('"fit" key columns start again under each title (report = owns, views, check)', () => {
  const doc: Doc = [
    title('a'),
    rows('fit', [{key: 'a rather long key', value: p`x`}]),
    title('b'),
    rows('fit', [{key: 'none', value: p`y`}]),
  ]
  assert.is(docText(doc, 80), lines('a', '=', '  a rather long key  x', '', 'b', '=', '  none  y'))
})

test('"fit" keys are capped at 22 columns; a longer key gets a line of its own', () => {
  const doc: Doc = [
    rows('fit', [
      {key: 'k', value: p`short`},
      {key: 'a key far longer than the column', value: p`value`},
    ]),
  ]
  assert.is(
    docText(doc, 80),
    lines('  k                     short', '  a key far longer than the column', '                        value'),
  )
})

test('"column" rows: a 24-column key, long keys on their own line; wrapped values stay in the column', () => {
  const doc: Doc = [
    rows('column', [
      {key: '/proc/meminfo', value: [warn('HOST-WIDE'), ...p`: the kernel serves it host-wide to every container`]},
      {key: 'r_await w_await aqu-sz', value: p`fits with a 2-space gap`},
      {key: 'cpu.pressure / memory.pressure', value: p`own line`},
    ]),
  ]
  assert.is(
    docText(doc, 60),
    lines(
      '  /proc/meminfo           (!) HOST-WIDE: the kernel serves',
      '                          it host-wide to every container',
      '  r_await w_await aqu-sz  fits with a 2-space gap',
      '  cpu.pressure / memory.pressure',
      '                          own line',
    ),
  )
})

test('"stacked" rows: key, value, then note and source, each further in', () => {
  const doc: Doc = [
    rows('stacked', [
      {key: '/proc/loadavg: HOST', value: p`read by uptime, top`, note: p`no lxcfs mount`, source: '/proc/mounts'},
    ]),
  ]
  assert.is(
    docText(doc, 80),
    lines('  /proc/loadavg: HOST', '    read by uptime, top', '      no lxcfs mount', '      from /proc/mounts'),
  )
})

test('code: the command line, the output as printed (cut, not wrapped), notes under their line', () => {
  const doc: Doc = [
    {
      b: 'code',
      head: '$ free -m',
      lines: [
        {text: 'Mem:   100   50   ', note: 'the host total'},
        {text: '', note: null},
        {text: 'x'.repeat(45), note: null},
      ],
    },
  ]
  assert.is(
    docText(doc, 40),
    lines('  $ free -m', 'Mem:   100   50', '    ^ the host total', '', 'x'.repeat(40), 'x'.repeat(5)),
  )
})

test('paths and values inside rows render as plain text; nothing passes the width', () => {
  const doc: Doc = [
    title('x'.repeat(90)),
    rows('fit', [{key: 'dir', value: [path('/sys/fs/cgroup/' + 'deep/'.repeat(30))]}]),
  ]
  for (const l of docText(doc, 60).split('\n')) assert.ok(l.length <= 60, l)
})

test.run()
