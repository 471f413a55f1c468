// QuotaPlaced: the cpu controller of either version walks its levels for the tightest quota once, through
// the version's own reading of one level (quota). A scratch tree: a mount at /sys/fs/cgroup, this cgroup at a/b.
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Quota} from '../../src/cgroup/controllers.js'
import {quotaOf, QuotaPlaced} from '../../src/cgroup/cpu-quota.js'
import type {Hierarchy} from '../../src/cgroup/discover.js'
import {unlimited, type Field} from '../../src/sysroot/outcome.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupScratch, scratch} from '../helpers/hostile.js'

const MOUNT = '/sys/fs/cgroup'
const LEAF = `${MOUNT}/a/b`

/** Quotas by directory, in microseconds per 100 ms period; a directory not listed has none. */
class Fake extends QuotaPlaced {
  reads: string[] = []
  constructor(
    sys: Sysroot,
    private readonly quotasUs: Record<string, number>,
  ) {
    super(
      sys,
      {
        version: 'v2',
        controllers: ['cpu'],
        mountPoint: MOUNT,
        mountRoot: '/',
        cgroupPath: '/a/b',
        dir: LEAF,
      } satisfies Hierarchy,
      'cpu',
    )
  }
  protected quota(dir: string): Field<Quota> {
    this.reads.push(dir)
    const q = this.quotasUs[dir]
    return q === undefined ? unlimited(`${dir}/cpu.max`) : quotaOf(q, 100_000, `${dir}/cpu.max`)
  }
}

test.after.each(cleanupScratch)

test('the tightest quota over the levels, the leaf first; a second ask reads nothing again', () => {
  const root = scratch('gv-cpu-quota-')
  mkdirSync(join(root, LEAF), {recursive: true})
  const cpu = new Fake(new Sysroot(root), {[LEAF]: 200_000, [`${MOUNT}/a`]: 150_000})
  const w = cpu.limit()
  assert.equal(w.result, {
    kind: 'value',
    value: {quotaUs: 150_000, periodUs: 100_000, cores: 1.5},
    path: `${MOUNT}/a/cpu.max`,
  })
  assert.equal(cpu.reads, [LEAF, `${MOUNT}/a`, MOUNT])
  assert.is(cpu.limit(), w)
  assert.equal(cpu.reads, [LEAF, `${MOUNT}/a`, MOUNT], 'walked once')
})

test.run()
