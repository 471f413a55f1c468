// The time box's pieces on ordinary files (no root, no FUSE): which mounts can hang, and what the two kinds of
// child (coreutils dd/readlink, and the Node fallback for busybox-only images) give for a value, a missing
// file, a link where none may be, and an oversized file. The hang itself is test/sysroot/timebox.live.test.ts
// (real lxcfs, stopped by its PID).
import {mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {readBounded} from '../../src/sysroot/bounded.js'
import {canHang, hangingMountOf, type HangingMount} from '../../src/sysroot/mount-table.js'
import {readLinkTimeBoxed, readTimeBoxed, resetTimeBox} from '../../src/sysroot/timebox.js'

const dir = mkdtempSync(join(tmpdir(), 'gv-timebox-'))
writeFileSync(join(dir, 'meminfo'), 'MemTotal:       1024 kB\n')
symlinkSync('meminfo', join(dir, 'link'))
// A made-up mount: these tests call the time-boxed readers directly on a local file.
const MOUNT: HangingMount = {mountPoint: dir, fsType: 'fuse.test', device: '0:999'}

test.after(() => {
  resetTimeBox()
  rmSync(dir, {recursive: true, force: true})
})

test('FUSE and network filesystems can hang; procfs, sysfs, cgroupfs, tmpfs, overlay and local disks cannot', () => {
  for (const t of [
    'fuse',
    'fuse.lxcfs',
    'fuse.sshfs',
    'fuseblk',
    'nfs',
    'nfs4',
    'cifs',
    'smb3',
    '9p',
    'virtiofs',
    'ceph',
  ])
    assert.ok(canHang(t), t)
  for (const t of ['proc', 'sysfs', 'cgroup', 'cgroup2', 'tmpfs', 'overlay', 'ext4', 'xfs', 'devtmpfs', 'fusectl'])
    assert.not.ok(canHang(t), t)
})

test("this machine's procfs and sysfs files are not time-boxed (the plain read, no child)", () => {
  for (const p of ['/proc/meminfo', '/proc/self/mountinfo', '/sys/fs/cgroup', '/'])
    assert.is(hangingMountOf(p), null, p)
})

for (const nodeChild of [false, true]) {
  const child = nodeChild ? 'the Node child' : 'dd/readlink'
  test(`${child}: a file's bytes; a missing file is absent; a link with noFollow is denied`, () => {
    resetTimeBox({nodeChild})
    const r = readTimeBoxed('/proc/meminfo', join(dir, 'meminfo'), 1000, true, MOUNT)
    assert.is(r.kind === 'value' && r.bytes.toString(), 'MemTotal:       1024 kB\n')
    const gone = readTimeBoxed('/proc/gone', join(dir, 'gone'), 1000, true, MOUNT)
    assert.equal([gone.kind, 'reason' in gone && gone.reason], ['absent', '/proc/gone does not exist'])
    const link = readTimeBoxed('/proc/link', join(dir, 'link'), 1000, true, MOUNT)
    assert.is(link.kind, 'denied')
    const followed = readTimeBoxed('/proc/link', join(dir, 'link'), 1000, false, MOUNT)
    assert.is(followed.kind, 'value')
  })

  test(`${child}: at most cap + 1 bytes come back, so readBounded can say "larger than"`, () => {
    resetTimeBox({nodeChild})
    const r = readTimeBoxed('/proc/zero', '/dev/zero', 100_000, true, MOUNT)
    assert.is(r.kind === 'value' && r.bytes.length, 100_001)
  })

  test(`${child}: lstat+readlink tells a link's target, "not a link", and a missing path apart`, () => {
    resetTimeBox({nodeChild})
    assert.equal(readLinkTimeBoxed('/proc/link', join(dir, 'link'), MOUNT), {kind: 'link', target: 'meminfo'})
    assert.equal(readLinkTimeBoxed('/proc/meminfo', join(dir, 'meminfo'), MOUNT), {kind: 'not-link'})
    assert.equal(readLinkTimeBoxed('/proc', dir, MOUNT), {kind: 'not-link'})
    assert.is(readLinkTimeBoxed('/proc/gone', join(dir, 'gone'), MOUNT).kind, 'absent')
  })
}

test('a plain read still reports its mode; caps and "larger than" are unchanged', () => {
  const r = readBounded('/proc/meminfo', join(dir, 'meminfo'), 10, {noFollow: true})
  assert.is(r.kind, 'malformed')
  const ok = readBounded('/proc/meminfo', join(dir, 'meminfo'), 1000, {noFollow: true})
  assert.ok(ok.kind === 'value' && typeof ok.mode === 'number')
})

test.run()
