// The bounded collection of `serve`, with a counting collect function and a clock the test moves:
// at most one collection per second, shared; scrapes answered at once from a collection under 3 s old
// (refreshed in the background once it is 1 s old); a wait for fresh values only for the first scrape and
// after 3 s without one; a failure served as the last good values and the error.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Collector, MAX_AGE_MS, type Collection} from '../../src/serve/collector.js'

function setup(fail: () => boolean = () => false) {
  let now = 0
  let calls = 0
  const collect = (): Collection => {
    calls++
    if (fail()) throw new Error('cpu.stat: malformed\nsecond line')
    return {containers: [], at: new Date(now), durationSeconds: 0.01}
  }
  const c = new Collector(collect, 1000, () => now)
  return {c, calls: () => calls, tick: (ms: number) => (now += ms)}
}

/** Lets a background collection (scheduled with setImmediate) run. */
const settle = () => new Promise((r) => setImmediate(r))

test('50 concurrent first scrapes share one collection', async () => {
  const s = setup()
  const all = await Promise.all(Array.from({length: 50}, () => s.c.get()))
  assert.is(s.calls(), 1)
  assert.ok(all.every((x) => x === all[0]))
  assert.is(all[0]!.count, 1)
})

test('at most one collection per interval', async () => {
  const s = setup()
  await s.c.get()
  for (let i = 0; i < 9; i++) {
    s.tick(100)
    await s.c.get()
    await settle()
  }
  assert.is(s.calls(), 1)
})

test('past the interval: answered at once with the latest, refreshed in the background for the next', async () => {
  const s = setup()
  const first = await s.c.get()
  s.tick(1100)
  // Fifty scrapes in one turn: each gets the 1.1 s old collection at once, one refresh starts.
  const all = await Promise.all(Array.from({length: 50}, () => s.c.get()))
  assert.ok(
    all.every((x) => x === first),
    'served the latest without waiting',
  )
  await settle()
  assert.is(s.calls(), 2, 'one background collection')
  const next = await s.c.get()
  assert.is(next.count, 2)
  assert.is(next.last!.at.getTime(), 1100, 'the refreshed values')
  assert.is(s.calls(), 2)
})

test('values 3 s old or more are not served: the scrape waits for a fresh collection', async () => {
  const s = setup()
  await s.c.get()
  s.tick(MAX_AGE_MS)
  const r = await s.c.get()
  assert.is(r.count, 2)
  assert.is(r.last!.at.getTime(), MAX_AGE_MS)
  // A scraper every 15 s gets values read for it each time.
  for (let i = 0; i < 3; i++) {
    s.tick(15_000)
    const x = await s.c.get()
    assert.is(x.last!.at.getTime(), MAX_AGE_MS + 15_000 * (i + 1))
  }
  assert.is(s.calls(), 5)
})

test('a failed collection keeps the last good one, says why, and is not retried within the interval', async () => {
  let failing = false
  const s = setup(() => failing)
  const good = await s.c.get()
  assert.ok(good.last)
  failing = true
  s.tick(1000)
  assert.is((await s.c.get()).error, null, 'answered from the good one while the refresh runs')
  await settle()
  const bad = await s.c.get()
  assert.is(bad.last, good.last)
  assert.is(bad.error, 'cpu.stat: malformed')
  for (let i = 0; i < 20; i++) {
    await s.c.get()
    await settle()
  }
  assert.is(s.calls(), 2, 'no retry loop')
  // Still failing once the good values are 3 s old: the scrapes wait for each (failed) attempt, one a
  // second, and get the last good values with the error.
  s.tick(2000)
  const old = await s.c.get()
  assert.is(old.last, good.last)
  assert.is(old.error, 'cpu.stat: malformed')
  assert.is(s.calls(), 3)
  failing = false
  s.tick(1000)
  const back = await s.c.get()
  assert.is(back.error, null)
  assert.is(s.calls(), 4)
})

test('a first collection that fails: no values, the error, and the next attempt a second later', async () => {
  let failing = true
  const s = setup(() => failing)
  const r = await s.c.get()
  assert.is(r.last, null)
  assert.is(r.error, 'cpu.stat: malformed')
  await s.c.get()
  assert.is(s.calls(), 1)
  failing = false
  s.tick(1000)
  const ok = await s.c.get()
  assert.ok(ok.last)
  assert.is(ok.error, null)
})

test.run()
