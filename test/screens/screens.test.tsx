// Every human screen (owns, views, check, report, overview, diagnose, explain) is a document, drawn by both
// renderers over every fixture. Plain text: no ANSI, nothing undefined, every line within the width.
// Ink: within the width, and the same words as the plain text. The plain text of each screen on five
// fixtures is compared with a snapshot in test/screens/snapshots/ (the values written into the fixtures:
// see their NOTE.md); `UPDATE_SNAPSHOTS=1 node test/run-tests.mjs screens/` rewrites them after a
// deliberate change, and the diff is the review (test/helpers/snapshot.ts).
import chalk from 'chalk'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Doc} from '../../src/doc/blocks.js'
import {renderDocInk} from '../../src/doc/ink/render.js'
import {docText} from '../../src/doc/text/render.js'
import {runBlocks} from '../../src/screens/explain.js'
import {fixtureNames} from '../explain/lib.js'
import {REPO} from '../helpers/paths.js'
import {sample} from '../helpers/sample.js'
import {snapshotProblem} from '../helpers/snapshot.js'
import {RUNS, VERDICTS, diagnosisDoc, screensOf} from './lib.js'

const ANSI = /\u001b\[/
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '')
const SNAPSHOTS = join(REPO, 'test', 'screens', 'snapshots')
const SNAPSHOT_FIXTURES = [
  'explain-v2-plain',
  'explain-v2-lxcfs',
  'vm-v1hybrid-hostns-limits',
  'docker-v1-malformed',
  'findings-v2-quiet',
]

function fits(text: string, width: number, what: string): void {
  assert.not.match(text, /\bundefined\b|\bNaN\b|Infinity|\[object Object\]/, what)
  text.split('\n').forEach((line, i) => assert.ok(line.length <= width, `${what}: line ${i + 1} > ${width}: ${line}`))
}

/** The words of a rendering, without what only one renderer draws (borders, bullets, backticks, "(!)"). */
const words = (s: string) =>
  stripAnsi(s)
    .replace(/`|\(!\)|^ {2}- /gm, '')
    .replace(/^=+$/gm, '')
    .replace(/[│╭╮╰╯─┌┐└┘•]/g, ' ')
    .replace(/\s\((step \d of the 60-second checklist|how to read each tool[^)]*|cgroup [^)]*cgroupns)\)/g, ' $1')
    .split(/\s+/)
    .filter(Boolean)

/** The same words in the same order (long words may be cut in different places), or where they part. */
function sameWords(ink: string, text: string, what: string): void {
  const a = words(ink).join('')
  const b = words(text).join('')
  if (a === b) return
  let i = 0
  while (a[i] === b[i]) i++
  assert.unreachable(`${what}: at ${i}: Ink "${a.slice(i - 20, i + 40)}" / text "${b.slice(i - 20, i + 40)}"`)
}

const names = fixtureNames()

test('plain text: every screen on every fixture, no ANSI, nothing undefined, within 60, 80 and 160 columns', () => {
  assert.ok(names.length >= 18, `fixtures: ${names.join(', ')}`)
  for (const name of names)
    for (const [screen, doc] of screensOf(name)) {
      assert.ok(doc.length > 1, `${name}: ${screen} is empty`)
      for (const width of [60, 80, 160]) {
        const text = docText(doc, width)
        assert.not.match(text, ANSI, `${name}: ${screen}`)
        fits(text, width, `${name}: ${screen} @${width}`)
      }
    }
})

// Ink is the slow part of this file (40 to 100 ms a screen, 400 ms for explain --all): npm test draws every
// screen on every fixture, and explain --all on the five snapshot fixtures; the fast loop draws 4 fixtures and
// 1 explain --all, picked by the run's seed (test/helpers/sample.ts). A screen that is the same document on
// several fixtures (the list of tools) is drawn once.
test('Ink: every screen on every fixture fits 80 columns and says what the plain text says', () => {
  const drawn = new Set<string>()
  const explainAll = sample('Ink: explain --all on the snapshot fixtures', SNAPSHOT_FIXTURES, 1)
  for (const name of sample('Ink: every screen on fixtures', names, 4, explainAll))
    for (const [screen, doc] of screensOf(name)) {
      if (screen === 'explain --all' && !explainAll.includes(name)) continue // the slowest; 5 are enough
      const key = JSON.stringify(doc)
      if (drawn.has(key)) continue
      drawn.add(key)
      const ink = renderDocInk(doc, 80)
      fits(stripAnsi(ink), 80, `${name}: ${screen} (Ink)`)
      sameWords(ink, docText(doc, 80), `${name}: ${screen}`)
    }
})

test('diagnose: every verdict, both renderers, the verdict and its advice first', () => {
  for (const [id, deltas] of VERDICTS) {
    const doc = diagnosisDoc(deltas)
    const text = docText(doc, 80)
    fits(text, 80, id)
    assert.match(text.split('\n')[4] ?? '', new RegExp(`^  ${id}: `), `${id}: ${text}`)
    const ink = renderDocInk(doc, 80)
    fits(stripAnsi(ink), 80, `${id} (Ink)`)
    sameWords(ink, text, id)
  }
})

// --- snapshots of the plain text ---------------------------------------------------------------------

const file = (fixture: string, screen: string) => join(SNAPSHOTS, fixture, `${screen.replace(/[^a-z]+/gi, '-')}.txt`)
const problems: string[] = []

function compare(path: string, actual: string): void {
  const problem = snapshotProblem(path, actual)
  if (problem) problems.push(problem)
}

test('snapshots: the plain text of each screen on five fixtures, each diagnosis verdict and each kind of run', () => {
  for (const name of SNAPSHOT_FIXTURES)
    for (const [screen, doc] of screensOf(name))
      if (screen !== 'explain --all' && screen !== 'report') compare(file(name, screen), docText(doc, 80))
  for (const [id, deltas] of VERDICTS) compare(file('diagnose', id), docText(diagnosisDoc(deltas), 80))
  RUNS.forEach((run) => compare(file('run', run.status), docText(runBlocks(run), 80)))
  assert.equal(problems, [])
})

// Ink's frames in colour, escape codes and all: what the renderer's economies (one styled string per run of
// tokens, fewer boxes, graphemes split without ICU where each unit is one) must leave byte for byte the same.
test('snapshots: Ink in colour, owns, check and explain free on two fixtures, at 60 and 100 columns', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    for (const name of ['explain-v2-plain', 'docker-v1-malformed'])
      for (const [which, doc] of screensOf(name))
        if (['owns', 'check', 'explain free'].includes(which))
          for (const [width, size] of [
            [60, 'narrow'],
            [100, 'wide'],
          ] as const)
            compare(file(name, `${which} ink ${size}`), renderDocInk(doc, width))
  } finally {
    chalk.level = level
  }
  assert.equal(problems, [])
})

// --- what the snapshots hold, asserted on its own -------------------------------------------------------

const screen = (fixture: string, which: string): Doc => screensOf(fixture).find(([s]) => s === which)![1]

test("owns: the fixture's limits, each with the file it came from, relative to the cgroup's directory", () => {
  const text = docText(screen('explain-v2-plain', 'owns'), 200)
  assert.match(text, /^ {2}cgroup dir {11}\/sys\/fs\/cgroup$/m)
  // A private cgroupns: each limit says that a tighter one may be set above (issue 12 item 2).
  assert.match(
    text,
    /^ {2}limit {16}1\.5 cores\n {25}quota 150000 us per 100000 us period; may be tighter: ancestors above \/sys\/fs\/cgroup are hidden \(private cgroup namespace\)\n {25}from \.\/cpu\.max$/m,
  )
  assert.match(
    text,
    /^ {2}limit {16}1 GiB\n {25}may be tighter: ancestors above \/sys\/fs\/cgroup are hidden \(private cgroup namespace\)\n {25}from \.\/memory\.max$/m,
  )
  assert.match(text, /working set {10}216\.46 MiB\n {25}21\.1% of the limit/)
  assert.match(text, /device 8:0 {11}read 10 MiB\/s, 1000 write IOPS/)
})

test('owns: a malformed file is unknown with its reason, never a number', () => {
  const text = docText(screen('docker-v1-malformed', 'owns'), 200)
  assert.match(text, /^ {2}limit +unknown\n +\S.*\n +from .*cpu\.cfs_quota_us$/m)
})

test('owns: an unknown value is never drawn as good news (green)', () => {
  const effectiveCores = (fixture: string) =>
    screen(fixture, 'owns')
      .flatMap((b) => (b.b === 'rows' ? b.rows : []))
      .find((r) => r.key === 'effective cores')
  assert.is(effectiveCores('docker-v1-malformed')?.tone, 'warn')
  assert.is(effectiveCores('explain-v2-plain')?.tone, 'good')
})

test('check: most severe first; views: the scope of each source in capitals', () => {
  const check = docText(screen('explain-v2-plain', 'check'), 200)
  assert.ok(check.indexOf('CRIT oom-killed') < check.indexOf('WARN cpu-throttled'))
  assert.ok(check.indexOf('WARN perf-blocked') < check.indexOf('INFO uptime-host-wide'))
  const views = docText(screen('explain-v2-lxcfs', 'views'), 200)
  assert.match(views, /^ {2}\/proc\/meminfo: VIRTUALIZED$/m)
  assert.match(views, /^ {2}\/proc\/net\/dev: NAMESPACED$/m)
})

test('report: the owns, views and check screens, each under its own title, fit columns per screen', () => {
  const text = docText(screen('findings-v2-quiet', 'report'), 80)
  const titles = [...text.matchAll(/^(guestview \w+): .*\n(?:.*\n)?=+$/gm)].map((m) => m[1])
  assert.equal(titles, ['guestview owns', 'guestview views', 'guestview check'])
})

test.run()
