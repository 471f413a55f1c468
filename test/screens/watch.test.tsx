// The screens of `guestview watch` from real intervals of fixture trees: a copy of the fixture is sampled,
// its counters are moved forward as a throttled container's would be, and sampled again. The screen must
// fit 80x24 in both renderers (a live screen that scrolls cannot be read), show the quota and the throttled
// share, and tell "no limit" from "unknown limit" (the non-negotiable: unlimited and unknown never confused).
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {snapshot} from '../../src/diagnose/sample.js'
import {DocView} from '../../src/doc/ink/DocView.js'
import {inlineText} from '../../src/doc/text/inline.js'
import {docText} from '../../src/doc/text/render.js'
import {containerFrame, type Frame, type LiveSample} from '../../src/live/frame.js'
import {readProcCpu} from '../../src/live/top.js'
import {unreadableLine, watchDoc, watchLine} from '../../src/screens/watch.js'
import {unknown as unknownLimit} from '../../src/model/limit.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {frameOf} from '../helpers/ink.js'
import {FIXTURES} from '../helpers/paths.js'

const dirs: string[] = []
test.after(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

function sample(root: string, atMs: number): LiveSample {
  const sys = new Sysroot(root)
  const snap = snapshot(sys, atMs)
  return {target: 'self', at: new Date(1_800_000_000_000 + atMs), snap, procs: readProcCpu(sys, [1])}
}

/** One 2 s interval of a fixture; `move` writes the later counters into the copy. */
function frameOf2s(fixture: string, move: (root: string) => void = () => {}): Frame {
  const root = join(mkdtempSync(join(tmpdir(), 'gv-watch-screen-')), 'root')
  dirs.push(root.slice(0, -5))
  cpSync(join(FIXTURES, fixture, 'root'), root, {recursive: true})
  const a = sample(root, 0)
  move(root)
  const b = sample(root, 2000)
  return {at: b.at.toISOString(), elapsedSeconds: 2, containers: [containerFrame(a, a, b)]}
}

// findings-v2-throttled-oom: cpu.max 50000 100000 (0.5 cores). Over 2 s: 20 periods, 15 throttled, 1 s of
// CPU (all the quota allows) and 0.9 s throttled.
const throttled = () =>
  frameOf2s('findings-v2-throttled-oom', (root) =>
    writeFileSync(
      join(root, 'sys/fs/cgroup/cpu.stat'),
      'usage_usec 301000000\nuser_usec 210700000\nsystem_usec 90300000\n' +
        'nr_periods 2020\nnr_throttled 915\nthrottled_usec 45900000\nnr_bursts 0\nburst_usec 0\n',
    ),
  )

const STATE = {intervalSeconds: 2, paused: false, root: '/'}

function fits(doc: ReturnType<typeof watchDoc>, what: string): void {
  for (const [renderer, text] of [
    ['plain', docText(doc, 80)],
    ['ink', frameOf(<DocView doc={doc} width={80} />)],
  ] as const) {
    const lines = text.replace(/\n+$/, '').split('\n')
    assert.ok(lines.length <= 24, `${what} (${renderer}): ${lines.length} lines\n${text}`)
    const wide = lines.find((l) => [...l].length > 80)
    assert.is(wide, undefined, `${what} (${renderer}): a line wider than 80`)
  }
}

test('a throttled container: the quota, the throttled share and rate, the verdict; fits 80x24', () => {
  const f = throttled()
  const c = f.containers[0]!
  assert.equal(c.cpu.limit.state, 'limited')
  assert.is(c.cpu.limit.value, 0.5)
  assert.is(c.cpu.throttledRatio, 0.75)
  assert.ok(Math.abs(c.cpu.throttledSecondsPerSecond! - 0.45) < 1e-9)
  const doc = watchDoc(f, STATE)
  fits(doc, 'throttled')
  const text = docText(doc, 80)
  assert.match(text, /CPU +\[#{10}\] 0\.5 cores of 0\.5 cores/)
  assert.match(text, /throttled +75% of periods, 0\.45 s\/s/)
  assert.match(text, /verdict +.*quota/i)
  assert.match(text, /USE: utilization/)
  for (const r of ['CPU', 'memory', 'disk I/O', 'network', 'PIDs']) assert.match(text, new RegExp(`^  ${r} +U `, 'm'))
  const paused = docText(watchDoc(f, {...STATE, paused: true}), 80)
  assert.match(paused, /PAUSED: p resumes, q quits/)
})

test('no limit is "no limit" (CPU against the effective cores), an unreadable limit is "unknown", never the same', () => {
  const free = frameOf2s('docker-v2-unlimited').containers[0]!
  assert.is(free.memory.limit.state, 'unlimited')
  const freeText = docText(watchDoc({at: 'x', elapsedSeconds: 2, containers: [free]}, STATE), 80)
  assert.match(freeText, /memory +\S+ (KiB|MiB|GiB|B) \(no limit\)/)
  assert.not.match(freeText, /unknown limit/)
  assert.match(inlineText(watchLine({at: 'T', elapsedSeconds: 2, containers: [free]}, free)), /mem \S+ \S+\/unlimited/)

  const broken = frameOf2s('docker-v2-unlimited', (root) =>
    writeFileSync(join(root, 'sys/fs/cgroup/memory.max'), 'lots\n'),
  )
  const b = broken.containers[0]!
  assert.is(b.memory.limit.state, 'unknown')
  const brokenText = docText(watchDoc(broken, STATE), 80)
  assert.match(brokenText, /memory +\[\?+\] \S+ \S+ of an unknown limit/)
  assert.not.match(brokenText, /memory .*no limit/)
  assert.match(inlineText(watchLine(broken, b)), /mem \S+ \S+\/unknown/)
  fits(watchDoc(broken, STATE), 'unknown limit')
})

test('several containers (--pod): one row per container, within 80 columns', () => {
  const one = throttled().containers[0]!
  const f: Frame = {
    at: 'x',
    elapsedSeconds: 2,
    containers: [
      {...one, container: 'app'},
      {...one, container: 'sidecar'},
    ],
  }
  const doc = watchDoc(f, STATE)
  fits(doc, 'pod')
  const text = docText(doc, 80)
  assert.match(text, /^ {2}app +/m)
  assert.match(text, /^ {2}sidecar +/m)
})

test('--pod on a host: 12 containers, long cgroup names, unknown and unlimited limits: 80x24, busiest first, the rest counted', () => {
  const one = throttled().containers[0]!
  const unknown = unknownLimit('x', '/x')
  const containers = Array.from({length: 12}, (_, i) => ({
    ...one,
    container: i === 0 ? 'self' : `/system.slice/a-very-long-service-name-${i}.service`,
    cpu: {...one.cpu, usageCores: i / 10, limit: i % 2 ? unknown : one.cpu.limit},
    memory: {...one.memory, workingSetBytes: 123.45 * 2 ** 20, limit: unknown},
    pids: {...one.pids, current: null, limit: unknown},
  }))
  const doc = watchDoc({at: 'x', elapsedSeconds: 2, containers}, STATE)
  fits(doc, 'pod of 12')
  fits(watchDoc({at: 'x', elapsedSeconds: 2, containers}, {...STATE, paused: true}), 'pod of 12, paused')
  const text = docText(doc, 80)
  assert.match(text, /12 containers/)
  assert.match(text, /^ {2}…\S*-name-11\.service +/m, 'the busiest first, its name cut at the start')
  assert.not.match(text, /-name-1\.service/, 'a less busy one is counted, not shown')
  assert.match(text, /6 more, less busy: watch --json lists every container/)
})

test('--pod: a container that cannot be read is a row that says why, not a row of unknowns', () => {
  const one = throttled().containers[0]!
  const reason = 'permission denied reading /proc/7/root (nginx): guestview needs its uid, or CAP_SYS_PTRACE'
  const f: Frame = {
    at: 'x',
    elapsedSeconds: 2,
    containers: [{...one, container: 'self'}],
    unreadable: [{container: 'app', reason}],
  }
  const doc = watchDoc(f, STATE)
  fits(doc, 'pod with an unreadable container')
  const text = docText(doc, 80).replace(/\s+/g, ' ')
  assert.match(text, /2 containers/)
  assert.match(text, /app unreadable: permission denied reading \/proc\/7\/root \(nginx\)/)
  assert.is(inlineText(unreadableLine(f, f.unreadable![0]!)), `x app unreadable: ${reason}`)
})

test.run()
