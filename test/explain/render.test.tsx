// Rendering of explanation documents: the plain text (pipes, CI, NO_COLOR, --no-color) has no ANSI codes
// and fits the width for every tool, the overview, --all and the list, on every fixture; the choice of
// renderer (outputMode); and the Ink components, through ink-testing-library, with the live numbers.
// The built CLI's piped output: cli.live.test.ts.
import {render} from 'ink-testing-library'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Doc} from '../../src/doc/blocks.js'
import {DocView} from '../../src/doc/ink/DocView.js'
import {renderDocInk} from '../../src/doc/ink/render.js'
import {outputMode} from '../../src/doc/output.js'
import {docText} from '../../src/doc/text/render.js'
import {explain} from '../../src/explain/explain.js'
import {TOOLS, explainWith} from '../../src/explain/registry.js'
import type {RunResult} from '../../src/explain/run.js'
import {explainDoc, explanationDoc, listDoc, runBlocks} from '../../src/screens/explain.js'
import {overviewDoc} from '../../src/screens/overview.js'
import {sample} from '../helpers/sample.js'
import {ANSI, LXCFS, PLAIN, fixtureNames, reportOf, stripAnsi} from './lib.js'

function fits(text: string, width: number, what: string): void {
  assert.not.match(text, ANSI, `${what}: ANSI code in plain text`)
  assert.not.match(text, /\bundefined\b|\bNaN\b|\[object Object\]/, what)
  text
    .split('\n')
    .forEach((line, i) =>
      assert.ok(line.length <= width, `${what}: line ${i + 1} is ${line.length} > ${width}: ${line}`),
    )
}

/** Documents to render on one fixture: every tool, the overview, --all, the list. */
function docs(name: string): [string, Doc][] {
  const r = reportOf(name)
  const all = explain(r, {all: true})
  return [
    ...TOOLS.map((t): [string, Doc] => [`${name}: explain ${t.tool}`, explanationDoc(explainWith(t, r))]),
    [`${name}: overview`, overviewDoc(r)],
    [`${name}: explain --all`, all.ok ? explainDoc(all.tools) : []],
    [`${name}: explain (list)`, listDoc()],
  ]
}

test('plain text: no ANSI, fits 80 columns: every tool, the overview, --all and the list, on every fixture', () => {
  const names = fixtureNames()
  assert.ok(names.includes(PLAIN) && names.includes(LXCFS))
  for (const name of names) for (const [what, blocks] of docs(name)) fits(docText(blocks, 80), 80, what)
})

test('plain text fits the narrowest (60) and a wide (160) terminal too', () => {
  for (const [what, blocks] of docs(PLAIN)) {
    fits(docText(blocks, 60), 60, `${what} @60`)
    fits(docText(blocks, 160), 160, `${what} @160`)
  }
})

test('plain text uses a wider terminal: fewer lines at 120 than at 80', () => {
  const blocks = explanationDoc(
    explainWith(
      TOOLS.find((t) => t.tool === 'free')!,
      reportOf(PLAIN),
    ),
  )
  assert.ok(docText(blocks, 120).split('\n').length < docText(blocks, 80).split('\n').length)
})

test('plain text of --run output: long tool lines, long command lines and notes stay within 80 columns', () => {
  const long = 'x'.repeat(150)
  const results: RunResult[] = [
    {
      argv: ['cat', `/sys/fs/cgroup/memory/${'deep/'.repeat(20)}memory.limit_in_bytes`],
      status: 'ran',
      exitCode: 0,
      lines: [
        {text: long, note: `a note ${'that goes on '.repeat(12)}`},
        {text: '', note: null},
        {text: 'Mem:  1 2 3', note: 'short'},
      ],
    },
    {argv: ['free', '-m'], status: 'not-installed', exitCode: null, lines: []},
    {argv: ['docker stats'], status: 'not-runnable', exitCode: null, message: 'runs on the host', lines: []},
    {
      argv: ['vmstat', '1', '2'],
      status: 'timed-out',
      exitCode: null,
      message: 'stopped after 5000 ms',
      lines: [{text: long, note: null}],
    },
    {
      argv: ['perf', 'stat', '-e', 'task-clock', '--', 'true'],
      status: 'failed',
      exitCode: 255,
      message: 'the tool exited with an error (its output is above)',
      lines: [
        {
          text: 'Error: Access to performance monitoring and observability operations is limited.',
          note: 'blocked as predicted: see the explanation above',
        },
      ],
    },
  ]
  for (const run of results) {
    const text = docText(runBlocks(run), 80)
    fits(text, 80, `run ${run.status}`)
    assert.match(text, run.status === 'ran' ? /annotated/ : /its real output here/)
  }
  assert.match(docText(runBlocks(results[1]!), 80), /free is not installed in this container/)
})

test('the words of the plain text and of the Ink render are the same', () => {
  const words = (s: string) =>
    stripAnsi(s)
      .replace(/`/g, '')
      .replace(/[│╭╮╰╯─┌┐└┘•=(!)-]/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .join(' ')
  const blocks = explanationDoc(
    explainWith(
      TOOLS.find((t) => t.tool === 'uptime')!,
      reportOf(PLAIN),
    ),
  )
  assert.is(words(renderDocInk(blocks, 100)), words(docText(blocks, 100)))
})

// --- the renderer choice -------------------------------------------------------------------------------

function withEnv(vars: Record<string, string | undefined>, fn: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars))
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  try {
    fn()
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
}
const tty = (columns?: number) => ({isTTY: true, columns}) as unknown as NodeJS.WriteStream
const pipe = {isTTY: false} as unknown as NodeJS.WriteStream

test('outputMode: Ink only on a TTY with colour allowed; NO_COLOR, --no-color, TERM=dumb and pipes give plain text', () => {
  withEnv({NO_COLOR: undefined, TERM: 'xterm-256color'}, () => {
    assert.equal(outputMode(tty(120)), {tty: true, color: true, columns: 120})
    assert.equal(outputMode(tty(120), true), {tty: true, color: false, columns: 120})
    assert.equal(outputMode(pipe), {tty: false, color: false, columns: 80})
    assert.is(outputMode(tty(30)).columns, 60, 'narrow terminals are laid out at 60')
    assert.is(outputMode(tty(400)).columns, 160, 'very wide ones at 160')
    assert.is(outputMode(tty(undefined)).columns, 80)
  })
  withEnv({NO_COLOR: '1', TERM: 'xterm-256color'}, () => assert.is(outputMode(tty(100)).color, false))
  withEnv({NO_COLOR: '', TERM: 'xterm-256color'}, () =>
    assert.is(outputMode(tty(100)).color, true, 'an empty NO_COLOR does not count (no-color.org)'),
  )
  withEnv({NO_COLOR: undefined, TERM: 'dumb'}, () => assert.is(outputMode(tty(100)).color, false))
})

// --- Ink components --------------------------------------------------------------------------------

test('Ink: the overview Doc shows what this container owns, with its live numbers', () => {
  const {lastFrame, unmount} = render(<DocView doc={overviewDoc(reportOf(PLAIN))} width={100} />)
  const frame = stripAnsi(lastFrame() ?? '')
  unmount()
  for (const s of [
    'what this container owns',
    '1.5 cores',
    '0-3; 8 CPUs online on the host',
    '1 GiB',
    '216.46 MiB',
    '21.1%',
    'OOM kills 2',
    '7 of 100',
    '211 of 1532 periods',
    'guestview explain free --run',
  ]) {
    assert.ok(frame.includes(s), `overview frame lacks "${s}":\n${frame}`)
  }
  assert.match(frame, /free\s+meminfo, swaps host-wide; run guestview owns/)
  for (const line of frame.split('\n')) assert.ok(line.length <= 100, `too long: ${line}`)
})

test('Ink: the overview on the lxcfs fixture says lxcfs counts the CPUs and lists fewer lying tools', () => {
  const {lastFrame, unmount} = render(<DocView doc={overviewDoc(reportOf(LXCFS))} width={100} />)
  const frame = stripAnsi(lastFrame() ?? '')
  unmount()
  assert.ok(frame.includes("2 CPUs online by lxcfs's count"), frame)
  assert.not.match(frame, /free\s+meminfo/)
})

test('Ink: an explanation (free) shows the scopes and the live numbers', () => {
  const e = explainWith(
    TOOLS.find((t) => t.tool === 'free')!,
    reportOf(PLAIN),
  )
  const {lastFrame, unmount} = render(<DocView doc={explanationDoc(e)} width={100} />)
  const frame = stripAnsi(lastFrame() ?? '')
  unmount()
  for (const s of [
    'free -m',
    'step 7 of the 60-second checklist',
    'HOST-WIDE',
    "the host's MemTotal (64 GiB)",
    'held to 1 GiB',
    'headroom is 807.54 MiB',
    'guestview owns',
    '/sys/fs/cgroup/memory.max',
  ]) {
    assert.ok(frame.includes(s), `free frame lacks "${s}":\n${frame}`)
  }
})

test('Ink: an explanation with --run output shows the annotated lines', () => {
  const e = explainWith(
    TOOLS.find((t) => t.tool === 'free')!,
    reportOf(PLAIN),
  )
  const line = 'Mem:           65536       30000       20000         64       13000       57344'
  const note = TOOLS.find((t) => t.tool === 'free')!.annotate!(line, reportOf(PLAIN))
  const runResult: RunResult = {argv: ['free', '-m'], status: 'ran', exitCode: 0, lines: [{text: line, note}]}
  const {lastFrame, unmount} = render(<DocView doc={explanationDoc(e, runResult)} width={100} />)
  const frame = stripAnsi(lastFrame() ?? '')
  unmount()
  const flat = frame.replace(/[│┌┐└┘─]/g, ' ').replace(/\s+/g, ' ')
  assert.ok(frame.includes('$ free -m'), frame)
  assert.ok(frame.includes(line), frame)
  assert.ok(
    flat.includes(`^ "total" is the host's 64 GiB; your limit is 1 GiB, working set 216.46 MiB, headroom 807.54 MiB`),
    frame,
  )
  assert.match(frame, /\n│ {4}\^ "total"/, 'the note is indented under its line')
})

// About 1 s of Ink per fixture: npm test draws both, the fast loop one picked by the run's seed.
test('Ink one-frame render (renderDocInk) fits 80 columns for every tool and the overview', () => {
  for (const name of sample('Ink: every tool on the plain and lxcfs fixtures', [PLAIN, LXCFS], 1)) {
    for (const [what, blocks] of docs(name)) {
      const out = stripAnsi(renderDocInk(blocks, 80))
      for (const l of out.split('\n')) assert.ok(l.length <= 80, `${what}: ${l.length} > 80: ${l}`)
    }
  }
})

test.run()
