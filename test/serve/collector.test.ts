// The bounded collection of `serve`, with a counting collect function and a clock the test moves.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Collector, type Collection} from '../../src/serve/collector.js'

function setup(fail: () => boolean = () => false) {
  let now = 0
  let calls = 0
  const collect = (): Collection => {
    calls++
    if (fail()) throw new Error('cpu.stat: malformed\nsecond line')
    return {containers: [], at: new Date(0), durationSeconds: 0.01}
  }
  const c = new Collector(collect, 1000, () => now)
  return {c, calls: () => calls, tick: (ms: number) => (now += ms)}
}

test('50 concurrent scrapes share one collection', async () => {
  const s = setup()
  const all = await Promise.all(Array.from({length: 50}, () => s.c.get()))
  assert.is(s.calls(), 1)
  assert.ok(all.every((x) => x === all[0]))
  assert.is(all[0]!.count, 1)
})

test('at most one collection per interval, then a fresh one', async () => {
  const s = setup()
  await s.c.get()
  s.tick(400)
  await s.c.get()
  s.tick(400)
  await s.c.get()
  assert.is(s.calls(), 1)
  s.tick(300)
  const r = await s.c.get()
  assert.is(s.calls(), 2)
  assert.is(r.count, 2)
})

test('a failed collection keeps the last good one, says why, and is not retried within the interval', async () => {
  let failing = false
  const s = setup(() => failing)
  const good = await s.c.get()
  assert.ok(good.last)
  failing = true
  s.tick(1000)
  const bad = await s.c.get()
  assert.is(bad.last, good.last)
  assert.is(bad.error, 'cpu.stat: malformed')
  for (let i = 0; i < 20; i++) await s.c.get()
  assert.is(s.calls(), 2, 'no retry loop')
  failing = false
  s.tick(1000)
  const back = await s.c.get()
  assert.is(back.error, null)
  assert.is(s.calls(), 3)
})

test.run()
