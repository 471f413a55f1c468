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
    unreadable: {'/proc/pressure/cpu': {kind: 'error', detail: 'not supported by this kernel (EOPNOTSUPP)'}},
  }),
)

test.after(() => rmSync(dir, {recursive: true, force: true}))

test('reads a guest path under the root', () => {
  const r = new Sysroot(dir).read('/proc/self/cgroup')
  assert.equal(r, {ok: true, path: '/proc/self/cgroup', text: '0::/\n'})
})

test('absent file is a typed absence with its guest path', () => {
  const r = new Sysroot(dir).read('/proc/meminfo')
  assert.equal(r.ok, false)
  if (!r.ok) {
    assert.is(r.kind, 'absent')
    assert.is(r.path, '/proc/meminfo')
  }
})

test('".." cannot escape the root', () => {
  const s = new Sysroot(dir)
  assert.is(s.hostPath('/../../etc/passwd'), join(dir, 'etc/passwd'))
})

test('manifest entries replay as the recorded absence', () => {
  const r = new Sysroot(dir).read('/proc/pressure/cpu')
  assert.equal(r, {
    ok: false,
    kind: 'error',
    path: '/proc/pressure/cpu',
    detail: 'not supported by this kernel (EOPNOTSUPP)',
  })
})

test('readLink returns the link text without following it', () => {
  const r = new Sysroot(dir).readLink('/proc/self/ns/cgroup')
  assert.equal(r, {ok: true, path: '/proc/self/ns/cgroup', text: 'cgroup:[4026532000]'})
})

test('a directory read as a file is malformed (not a regular file), not a crash', () => {
  const r = new Sysroot(dir).read('/proc/self')
  assert.equal(r.ok, false)
  if (!r.ok) assert.is(r.kind, 'malformed')
  if (!r.ok) assert.match(r.detail, /a directory, not a regular file/)
})

test('permission denied is "denied" (when not root, or via chmod for non-root users)', () => {
  chmodSync(join(dir, 'proc/secret'), 0o000)
  const r = new Sysroot(dir).read('/proc/secret')
  // root reads through mode 000; everyone else must get "denied".
  if (process.getuid?.() === 0) assert.is(r.ok, true)
  else assert.equal(r.ok ? 'ok' : r.kind, 'denied')
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
