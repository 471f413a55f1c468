// capture on hostile trees (issue 13 item 2, issue 12 item 4): nothing is ever written outside DIR, nothing
// is written through a link, existing files are never overwritten, and modes are no wider than the source's.
// Each tree is made in a scratch directory that also holds the attacker's targets, and everything outside
// DIR is snapshotted before and compared after.
import {chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, cli, parseJson} from '../helpers/live.js'
import {cleanupScratch, copyFixture, entriesOf, scratch, snapshotDiff, snapshotTree} from '../helpers/hostile.js'
import {skip} from '../helpers/skip.js'

test.after(cleanupScratch)

function put(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), {recursive: true})
    writeFileSync(join(root, p), text)
  }
}

/** A v1 tree whose memory hierarchy is mounted at `mountPoint`, with the memory files at `memDir` (host path). */
function v1Tree(root: string, mountPoint: string): void {
  put(root, {
    '/proc/self/cgroup': '4:memory:/\n',
    '/proc/self/mountinfo': `30 25 0:26 / ${mountPoint} rw - cgroup cgroup rw,memory\n`,
  })
}

const MEMORY_FILES = {
  'memory.limit_in_bytes': '536870912\n',
  'memory.usage_in_bytes': '1048576\n',
  'memory.stat': 'total_inactive_file 0\nhierarchical_memory_limit 536870912\n',
}

function captureJson(tree: string, dir: string, extra: string[] = []) {
  const r = cli(['capture', dir, '--root', tree, '--json', ...extra], {timeoutMs: 30_000})
  return r
}

if (!built()) skip(test, 'capture on hostile trees', 'dist/ is not built (npm test builds first)')
else {
  test('a relative mount point ("../victim") cannot steer capture outside DIR', () => {
    const t = scratch()
    const tree = join(t, 'tree')
    const dir = join(t, 'cap')
    // The mount point "../victim": reads land in tree/victim (normalised under the root); the writer once
    // joined DIR with "../victim/...", which is t/victim, and overwrote what was there.
    put(tree, {
      '/proc/self/cgroup': '0::/\n',
      '/proc/self/mountinfo': '30 25 0:26 / ../victim rw - cgroup2 cgroup2 rw\n',
      '/victim/cgroup.controllers': 'cpu memory pids\n',
      '/victim/memory.max': '1073741824\n',
      '/victim/cpu.max': '50000 100000\n',
    })
    put(t, {'/victim/memory.max': 'precious\n'})
    const before = snapshotTree(t, [dir])
    const r = captureJson(tree, dir)
    assert.equal(snapshotDiff(before, snapshotTree(t, [dir])), [], 'nothing outside DIR changed')
    assert.ok(r.status === 0 || r.status === 1, `capture exit ${r.status}: ${r.stderr}`)
    for (const e of entriesOf(dir)) assert.not.match(e.path, /victim/, `written: ${e.path}`)
    const owns = parseJson(cli(['owns', '--json', '--root', tree]), 'owns')
    assert.is(owns.cgroup.version, 'unknown')
    assert.match(owns.cgroup.notes.join(' '), /mount point is not a clean absolute path/)
  })

  test('a link from the tree that leaves DIR is never written through', () => {
    const t = scratch()
    const tree = join(t, 'tree')
    const dir = join(t, 'cap')
    // proc/self/ns/cgroup -> ../../../../x is t/x seen from tree/proc/self/ns, and t/x from cap/proc/self/ns
    // as well. The memory hierarchy is mounted there, so every memory file is read (and was written) through it.
    v1Tree(tree, '/proc/self/ns/cgroup')
    mkdirSync(join(tree, 'proc/self/ns'), {recursive: true})
    symlinkSync('../../../../x', join(tree, 'proc/self/ns/cgroup'))
    put(join(t, 'x'), {...MEMORY_FILES, precious: 'keep me\n'})
    const before = snapshotTree(t, [dir])
    const r = captureJson(tree, dir)
    assert.ok(r.status === 0 || r.status === 1, `capture exit ${r.status}: ${r.stderr}`)
    assert.equal(snapshotDiff(before, snapshotTree(t, [dir])), [], 'nothing outside DIR changed')
    for (const e of entriesOf(dir)) assert.ok(['file', 'dir', 'link'].includes(e.type), `${e.path} is ${e.type}`)
  })

  test('capture --json still prints its result when it exits 1 (a link in the way is refused)', () => {
    const t = scratch()
    const tree = join(t, 'tree')
    const dir = join(t, 'cap')
    // proc/self/ns/cgroup -> x, inside the tree: the files read through it would have to be written through
    // the recreated link. They are written as a directory instead, and the link is refused: exit 1.
    v1Tree(tree, '/proc/self/ns/cgroup')
    put(join(tree, 'proc/self/ns/x'), MEMORY_FILES)
    symlinkSync('x', join(tree, 'proc/self/ns/cgroup'))
    const r = captureJson(tree, dir)
    assert.is(r.status, 1, r.stderr)
    const out = parseJson(r, 'capture --json')
    assert.is(out.ok, true)
    assert.ok(
      out.summary.refused.some((x: string) => x.startsWith('/proc/self/ns/cgroup')),
      out.summary.refused,
    )
    const link = entriesOf(dir).find((e) => e.path === '/proc/self/ns/cgroup')
    assert.is(link?.type, 'dir', 'the link was not recreated over the files')
  })

  test('modes are no wider than the source: a 0640 file stays 0640, 0600 stays 0600', () => {
    const t = scratch()
    const tree = copyFixture('docker-v2-private', join(t, 'tree'))
    chmodSync(join(tree, 'sys/fs/cgroup/memory.max'), 0o640)
    chmodSync(join(tree, 'proc/meminfo'), 0o600)
    chmodSync(join(tree, 'sys/fs/cgroup/cpu.max'), 0o755)
    const dir = join(t, 'cap')
    const r = captureJson(tree, dir)
    assert.is(r.status, 0, r.stderr + r.stdout)
    const mode = (p: string) => statSync(join(dir, p)).mode & 0o7777
    assert.is(mode('sys/fs/cgroup/memory.max').toString(8), '640')
    assert.is(mode('proc/meminfo').toString(8), '600')
    assert.is(mode('sys/fs/cgroup/cpu.max').toString(8), '644', 'no execute bit')
  })

  test('a non-empty DIR is refused (exit 2) unless --force; with --force nothing in it is overwritten', () => {
    const t = scratch()
    const tree = copyFixture('docker-v2-private', join(t, 'tree'))
    const dir = join(t, 'cap')
    put(dir, {'/proc/meminfo': 'mine\n', '/notes.txt': 'mine too\n'})
    mkdirSync(join(t, 'elsewhere'))
    symlinkSync(join(t, 'elsewhere'), join(dir, 'sys'))
    const refused = cli(['capture', dir, '--root', tree])
    assert.is(refused.status, 2, refused.stderr)
    assert.is(refused.stderr.trim().split('\n').length, 1, refused.stderr)
    assert.match(refused.stderr, /not empty.*--force/)
    const before = snapshotTree(t, [join(t, 'cap', 'proc', 'self'), join(t, 'cap', 'dev')])
    const r = captureJson(tree, dir, ['--force'])
    assert.is(r.status, 1, 'the capture is incomplete: exit 1')
    const out = parseJson(r, 'capture --force --json')
    assert.ok(
      out.summary.refused.some((x: string) => /^\/proc\/meminfo: already exists/.test(x)),
      out.summary.refused,
    )
    assert.ok(
      out.summary.refused.some((x: string) => /^\/sys\/.*: \/sys is a link/.test(x)),
      out.summary.refused,
    )
    const after = snapshotTree(t, [join(t, 'cap', 'proc', 'self'), join(t, 'cap', 'dev')])
    const changed = snapshotDiff(before, after).filter((l) => !/^cap\/(guestview-capture\.json|proc)(:|\/)/.test(l))
    assert.equal(changed, [], 'the existing files and the link target are untouched')
  })
}

test.run()
