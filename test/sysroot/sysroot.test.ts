import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {CAPTURE_MANIFEST, Sysroot} from '../../src/sysroot/sysroot.js'
import {openSysroot} from '../../src/sysroot/open.js'

const dir = mkdtempSync(join(tmpdir(), 'gv-sysroot-'))
mkdirSync(join(dir, 'proc/self/ns'), {recursive: true})
writeFileSync(join(dir, 'proc/self/cgroup'), '0::/\n')
writeFileSync(join(dir, 'proc/secret'), 'x')
symlinkSync('cgroup:[4026532000]', join(dir, 'proc/self/ns/cgroup'))
writeFileSync(
  join(dir, CAPTURE_MANIFEST),
  JSON.stringify({
    unreadable: {
      // A capture made before Field: kind "error" with a path-less detail.
      '/proc/pressure/cpu': {kind: 'error', detail: 'not supported by this kernel (EOPNOTSUPP)'},
      '/proc/vmstat': {kind: 'error', detail: 'read failed (EIO)'},
      // As `capture` writes it now.
      '/proc/diskstats': {kind: 'denied', reason: '/proc/diskstats: permission denied (EACCES)'},
    },
  }),
)

test.after(() => rmSync(dir, {recursive: true, force: true}))

test('reads a guest path under the root', () => {
  const r = new Sysroot(dir).read('/proc/self/cgroup')
  assert.equal(r, {kind: 'value', path: '/proc/self/cgroup', value: '0::/\n'})
})

test('absent file is a typed absence with its guest path', () => {
  const r = new Sysroot(dir).read('/proc/meminfo')
  assert.equal(r, {kind: 'absent', path: '/proc/meminfo', reason: '/proc/meminfo does not exist'})
})

test('".." cannot escape the root', () => {
  const s = new Sysroot(dir)
  assert.is(s.hostPath('/../../etc/passwd'), join(dir, 'etc/passwd'))
})

test('manifest entries replay as the recorded kind and reason; old captures are classified again', () => {
  const s = new Sysroot(dir)
  assert.equal(s.read('/proc/pressure/cpu'), {
    kind: 'unsupported',
    path: '/proc/pressure/cpu',
    reason: '/proc/pressure/cpu: not supported by this kernel (EOPNOTSUPP)',
  })
  assert.equal(s.read('/proc/vmstat'), {
    kind: 'malformed',
    path: '/proc/vmstat',
    reason: '/proc/vmstat: read failed (EIO)',
  })
  assert.equal(s.read('/proc/diskstats'), {
    kind: 'denied',
    path: '/proc/diskstats',
    reason: '/proc/diskstats: permission denied (EACCES)',
  })
})

test('readLink returns the link text without following it', () => {
  const r = new Sysroot(dir).readLink('/proc/self/ns/cgroup')
  assert.equal(r, {kind: 'value', path: '/proc/self/ns/cgroup', value: 'cgroup:[4026532000]'})
})

test('a directory read as a file is malformed (not a regular file), not a crash', () => {
  const r = new Sysroot(dir).read('/proc/self')
  assert.equal(r, {
    kind: 'malformed',
    path: '/proc/self',
    reason: '/proc/self: malformed: a directory, not a regular file; not read',
  })
})

test('permission denied is "denied" (when not root, or via chmod for non-root users)', () => {
  chmodSync(join(dir, 'proc/secret'), 0o000)
  const r = new Sysroot(dir).read('/proc/secret')
  // root reads through mode 000; everyone else must get "denied".
  if (process.getuid?.() === 0) assert.is(r.kind, 'value')
  else assert.is(r.kind, 'denied')
})

test('recording keeps every read, including absences', () => {
  const s = new Sysroot(dir, {record: true})
  s.read('/proc/self/cgroup')
  s.read('/nope')
  assert.equal([...s.recorded.keys()], ['/proc/self/cgroup', '/nope'])
})

test('openSysroot: missing directory and non-sysroot give one-line messages', () => {
  const a = openSysroot(join(dir, 'does-not-exist'))
  assert.is(a.ok, false)
  if (!a.ok) assert.match(a.message, /no such directory/)
  const b = openSysroot(join(dir, 'proc'))
  assert.is(b.ok, false)
  if (!b.ok) assert.match(b.message, /no proc\/self\/cgroup/)
  assert.is(openSysroot(dir).ok, true)
})

test.run()
