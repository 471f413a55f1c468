// The Watcher's state between intervals (src/live/watcher.ts) stays as big as what is watched: with --pod,
// a container that stops (a restarted one comes back under a new container ID) gives up its baseline sample,
// and one that comes back under the same name starts a new first interval.
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Target} from '../../src/live/targets.js'
import {Watcher} from '../../src/live/watcher.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {FIXTURES} from '../helpers/paths.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')
const target = (name: string): Target => ({name, open: () => new Sysroot(ROOT), gone: () => null})

test('a container no longer listed gives up its baseline; one listed again starts a new first interval', () => {
  let listed = ['a', 'b']
  const w = new Watcher(() => listed.map(target))
  w.start()
  assert.equal(w.watching().sort(), ['a', 'b'])
  // 1,000 containers come and go, one per interval, beside `a`.
  for (let i = 0; i < 1000; i++) {
    listed = ['a', `restart-${i}`]
    assert.is(w.step().kind, 'frame')
  }
  assert.equal(w.watching().sort(), ['a', 'restart-999'])
  listed = ['a', 'b']
  const back = w.step()
  assert.is(back.kind, 'frame')
  if (back.kind === 'frame')
    assert.equal(
      back.frame.containers.map((c) => c.container),
      ['a'],
      'b measures afresh',
    )
  listed = ['a', 'b']
  const next = w.step()
  if (next.kind === 'frame') assert.equal(next.frame.containers.map((c) => c.container).sort(), ['a', 'b'])
})

test.run()
