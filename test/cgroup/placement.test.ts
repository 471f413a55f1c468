// Placed.tightestOver: the ancestor walk (walk.ts) over a controller's own levels, as every v1 and v2
// controller reads its limits; leafFile: a file's path in the leaf, or null. A scratch tree: a v2 mount at /sys/fs/cgroup, this cgroup at a/b.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Hierarchy} from '../../src/cgroup/discover.js'
import {leafFile, Placed, placement} from '../../src/cgroup/placement.js'
import {parseU64} from '../../src/parse/u64.js'
import {mapField, unlimited, type Field} from '../../src/sysroot/outcome.js'
import {joinGuest, readField} from '../../src/sysroot/read-field.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupScratch, scratch} from '../helpers/hostile.js'

const MOUNT = '/sys/fs/cgroup'

/** A controller with one setting, "x.max": a number, or 0 for no limit. */
class X extends Placed {
  walk() {
    return this.tightestOver(
      (dir): Field<number> => {
        const f = mapField(readField(this.sys, joinGuest(dir, 'x.max'), parseU64), Number)
        return f.kind === 'value' && f.value === 0 ? unlimited(f.path) : f
      },
      (n) => n,
    )
  }
}

function tree(files: Record<string, string>): Sysroot {
  const root = scratch('gv-placement-')
  for (const [dir, max] of Object.entries(files)) {
    mkdirSync(join(root, dir), {recursive: true})
    if (max !== '') writeFileSync(join(root, dir, 'x.max'), `${max}\n`)
  }
  return new Sysroot(root)
}

const h = (dir: string | null): Hierarchy => ({
  version: 'v2',
  controllers: ['x'],
  mountPoint: MOUNT,
  mountRoot: '/',
  cgroupPath: '/a/b',
  dir,
})

test.after.each(cleanupScratch)

test('the tightest level wins, read leaf first; the levels are kept', () => {
  const sys = tree({[MOUNT]: '', [`${MOUNT}/a`]: '300', [`${MOUNT}/a/b`]: '500'})
  const w = new X(sys, h(`${MOUNT}/a/b`), 'x').walk()
  assert.equal(w.result, {kind: 'value', value: 300, path: `${MOUNT}/a/x.max`})
  assert.equal(
    w.levels.map((l) => l.dir),
    [`${MOUNT}/a/b`, `${MOUNT}/a`, MOUNT],
  )
  assert.equal(w.notes, [])
})

test('no limit at any level: unlimited, from the level that says so', () => {
  const sys = tree({[MOUNT]: '', [`${MOUNT}/a`]: '', [`${MOUNT}/a/b`]: '0'})
  const w = new X(sys, h(`${MOUNT}/a/b`), 'x').walk()
  assert.equal(w.result, {kind: 'unlimited', path: `${MOUNT}/a/b/x.max`})
})

test('not mounted: no levels, and the reason placement gives', () => {
  const w = new X(tree({}), null, 'x').walk()
  assert.equal(w.levels, [])
  assert.equal(w.result, {kind: 'absent', path: null, reason: 'no x controller is mounted'})
})

test('leafFile: the path in the leaf, or null when not placed', () => {
  assert.is(leafFile(placement(h(`${MOUNT}/a/b`), 'x'), 'x.max'), `${MOUNT}/a/b/x.max`)
  assert.is(leafFile(placement(h(null), 'x'), 'x.max'), null)
  assert.is(leafFile(placement(null, 'x'), 'x.max'), null)
})

test.run()
