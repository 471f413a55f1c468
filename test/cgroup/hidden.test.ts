// The hidden-ancestors caveat (issue 12 item 2): every limit read where cgroups above the visible top may hold
// a tighter one says so, structured (visibleTop, why, reason), whether it reads "limited" or "unlimited".
// Before, only an "unlimited" limit carried a prose note, so a 512 MiB container under a 128 MiB parent
// read "512 MiB" with no caveat.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Limit} from '../../src/model/limit.js'
import {buildOwns} from '../../src/report/owns.js'
import {cleanupTrees, treeSysroot, type TreeSpec} from '../helpers/tree.js'

test.after(cleanupTrees)

const MEMINFO = {'/proc/meminfo': 'MemTotal:       16000000 kB\n'}
const PRIVATE = {'/proc/self/ns/cgroup': 'cgroup:[4026532719]'}
const HOST = {'/proc/self/ns/cgroup': 'cgroup:[4026531835]'}
const V2_MOUNT = '30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n'
const why = (l: Limit) => (l.state === 'unknown' ? 'unknown' : (l.hiddenAncestors?.why ?? null))

const v2 = (cg: Record<string, string>, links = PRIVATE): TreeSpec => ({
  files: {
    ...MEMINFO,
    '/proc/self/cgroup': '0::/\n',
    '/proc/self/mountinfo': V2_MOUNT,
    '/sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
    ...Object.fromEntries(Object.entries(cg).map(([k, v]) => [`/sys/fs/cgroup/${k}`, v])),
  },
  links,
})

test('v2 private cgroupns: a limited and an unlimited limit both carry the caveat', () => {
  const r = buildOwns(
    treeSysroot(
      v2({'cgroup.type': 'domain\n', 'memory.max': '536870912\n', 'cpu.max': '100000 100000\n', 'pids.max': 'max\n'}),
    ),
  )
  assert.is(r.memory.limit.state, 'limited')
  assert.is(r.pids.limit.state, 'unlimited')
  for (const l of [r.cpu.limit, r.memory.limit, r.pids.limit]) assert.is(why(l), 'private-cgroupns')
  const h = r.memory.limit.state === 'limited' ? r.memory.limit.hiddenAncestors : undefined
  assert.is(h?.visibleTop, '/sys/fs/cgroup')
  assert.match(h?.reason ?? '', /ancestor cgroups above it are invisible/)
  assert.equal(r.memory.limit.state === 'limited' && r.memory.limit.notes, undefined, 'structured, not a prose note')
})

test('v2 private cgroupns rooted at the root cgroup (no cgroup.type, no limit files there): no caveat', () => {
  const r = buildOwns(treeSysroot(v2({'cgroup.stat': 'nr_descendants 3\n'})))
  for (const l of [r.cpu.limit, r.memory.limit, r.pids.limit]) assert.is(why(l), null)
})

test('v2 host cgroupns with the whole hierarchy mounted: no caveat', () => {
  const sys = treeSysroot({
    files: {
      ...MEMINFO,
      '/proc/self/cgroup': '0::/pod/ctr\n',
      '/proc/self/mountinfo': V2_MOUNT,
      '/sys/fs/cgroup/pod/ctr/cgroup.controllers': 'cpu memory pids\n',
      '/sys/fs/cgroup/pod/ctr/memory.max': '536870912\n',
      '/sys/fs/cgroup/pod/memory.max': '134217728\n',
    },
    links: HOST,
  })
  const r = buildOwns(sys)
  assert.equal([r.memory.limit.state, r.memory.limit.value], ['limited', 134217728])
  assert.is(why(r.memory.limit), null)
})

const V1_MOUNTS = (root: string) =>
  `30 1 0:26 ${root} /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n` +
  `31 1 0:27 ${root} /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n`

test('v1 host cgroupns, a runtime bind of the container cgroup: the mount shows a subtree', () => {
  const sys = treeSysroot({
    files: {
      ...MEMINFO,
      '/proc/self/cgroup': '3:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n',
      '/proc/self/mountinfo': V1_MOUNTS('/docker/abc'),
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '50000\n',
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/memory/memory.limit_in_bytes': '536870912\n',
      '/sys/fs/cgroup/memory/memory.stat': 'hierarchical_memory_limit 134217728\n',
    },
    links: HOST,
  })
  const r = buildOwns(sys)
  assert.is(why(r.cpu.limit), 'mount-subtree')
  assert.match(
    r.cpu.limit.state === 'limited' ? (r.cpu.limit.hiddenAncestors?.reason ?? '') : '',
    /subtree \/docker\/abc/,
  )
  // v1's hierarchical_memory_limit sees every ancestor: the memory limit needs no caveat, and is the parent's.
  assert.equal([r.memory.limit.value, why(r.memory.limit)], [134217728, null])
})

test('v1 private cgroupns: the caveat unless the top is the hierarchy root (release_agent there)', () => {
  const spec = (rootOnly: boolean): TreeSpec => ({
    files: {
      ...MEMINFO,
      '/proc/self/cgroup': '3:memory:/\n2:cpu,cpuacct:/\n',
      '/proc/self/mountinfo': V1_MOUNTS('/'),
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '100000\n',
      '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n',
      '/sys/fs/cgroup/memory/memory.limit_in_bytes': '536870912\n',
      ...(rootOnly ? {'/sys/fs/cgroup/cpu,cpuacct/release_agent': '\n'} : {}),
    },
    links: PRIVATE,
  })
  assert.is(why(buildOwns(treeSysroot(spec(false))).cpu.limit), 'private-cgroupns')
  assert.is(why(buildOwns(treeSysroot(spec(true))).cpu.limit), null)
})

test.run()
