// The four places that check a path's "." and ".." segments, and what each accepts: mountinfo's mount point
// (parse/mountinfo.ts), the sysroot's key of a guest path (guestKey, sysroot.ts), a cgroup path placed below
// its mount's root (relativeToRoot, cgroup/discover.ts), and a guest path that capture writes
// (isWritableGuestPath, sysroot/capture-writer.ts). They agree on "." and ".." segments (refused, or for
// guestKey, resolved) and differ on empty segments, a trailing "/", "/" itself and NUL: this table pins each
// answer, so that sharing the segment check changes none of them.
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {relativeToRoot} from '../../src/cgroup/discover.js'
import {parseMountinfoLine} from '../../src/parse/mountinfo.js'
import {hasDotSegment, isNormalAbsolute} from '../../src/parse/path-segments.js'
import {isWritableGuestPath} from '../../src/sysroot/capture-writer.js'
import {guestKey} from '../../src/sysroot/sysroot.js'

const LONG = '/' + 'a'.repeat(4000) + '/' + 'b'.repeat(70_000)

type Row = {
  path: string
  /** parseMountinfoLine accepts it as a mount point */
  mount: boolean
  /** guestKey's key for it */
  key: string
  /** relativeToRoot(path, '/'): the path below the root, or null */
  cgroup: string | null
  /** isWritableGuestPath */
  write: boolean
}

const rows: Row[] = [
  {path: '', mount: false, key: '/', cgroup: null, write: false},
  {path: '/', mount: true, key: '/', cgroup: '/', write: false},
  {path: '//', mount: true, key: '/', cgroup: '//', write: false},
  {path: '/a//b', mount: true, key: '/a/b', cgroup: '/a//b', write: false},
  {path: '/a/', mount: true, key: '/a/', cgroup: '/a/', write: false},
  {path: '/a/.', mount: false, key: '/a', cgroup: null, write: false},
  {path: '/a/..', mount: false, key: '/', cgroup: null, write: false},
  {path: '/..', mount: false, key: '/', cgroup: null, write: false},
  {path: '/./a', mount: false, key: '/a', cgroup: null, write: false},
  {path: 'a/b', mount: false, key: '/a/b', cgroup: null, write: false},
  {path: './a', mount: false, key: '/a', cgroup: null, write: false},
  {path: '/a/.b', mount: true, key: '/a/.b', cgroup: '/a/.b', write: true},
  {path: '/a/..b', mount: true, key: '/a/..b', cgroup: '/a/..b', write: true},
  {path: '/a/b.', mount: true, key: '/a/b.', cgroup: '/a/b.', write: true},
  {path: '/a/...', mount: true, key: '/a/...', cgroup: '/a/...', write: true},
  {path: '/a/b/', mount: true, key: '/a/b/', cgroup: '/a/b/', write: false},
  {path: '/a\0b', mount: false, key: '/a\0b', cgroup: '/a\0b', write: false},
  {path: LONG, mount: true, key: LONG, cgroup: LONG, write: true},
  {path: LONG + '/..', mount: false, key: '/' + 'a'.repeat(4000), cgroup: null, write: false},
  {path: LONG + '//', mount: true, key: LONG + '/', cgroup: LONG + '//', write: false},
]

// The mount point goes in field (5) as the kernel writes it: space, tab, newline and backslash as octal.
const mountLine = (p: string) =>
  `36 35 98:0 / ${p.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'))} rw - ext4 /dev/root rw`

for (const r of rows) {
  const name = JSON.stringify(
    r.path.length > 40 ? `${r.path.slice(0, 12)}...(${r.path.length})...${r.path.slice(-6)}` : r.path,
  )
  test(`${name}: mount point ${r.mount ? 'kept' : 'refused'}, key ${r.key.length > 40 ? '(long)' : r.key}, cgroup ${r.cgroup === null ? 'not placed' : 'placed'}, capture ${r.write ? 'writes' : 'refuses'}`, () => {
    const m = parseMountinfoLine(mountLine(r.path))
    assert.is(m.ok, r.mount, 'mount point')
    if (m.ok) assert.is(m.value.mountPoint, r.path)
    assert.is(guestKey(r.path), r.key, 'guestKey')
    assert.is(relativeToRoot(r.path, '/'), r.cgroup, 'relativeToRoot')
    assert.is(isWritableGuestPath(r.path), r.write, 'isWritableGuestPath')
  })
}

// Below a root other than "/", only what follows the root is checked: the root's own ".." (a mount that starts
// outside the reader's cgroup namespace) does not refuse a path below it.
test('relativeToRoot checks the segments below the root only, with the same answers', () => {
  const root = '/../libpod-1'
  for (const r of rows) {
    if (!r.path.startsWith('/') || r.path === '/') continue
    assert.is(relativeToRoot(root + r.path, root), r.cgroup, JSON.stringify(r.path))
  }
})

// The shared checks against what they stand in for, on paths made of the segments that matter (relative ones
// too: hasDotSegment counts a leading "." as a segment's start).
const segment = fc.constantFrom('', '.', '..', '...', '.a', 'a.', '..a', 'a', 'proc', '\0')
const paths = fc
  .tuple(fc.array(segment, {maxLength: 6}), fc.boolean())
  .map(([segs, lead]) => (lead ? '/' : '') + segs.join('/'))

test('hasDotSegment is split("/").some(". or ..")', () => {
  fc.assert(
    fc.property(paths, (p) => hasDotSegment(p) === p.split('/').some((s) => s === '.' || s === '..')),
    {numRuns: 3000},
  )
})

test('isNormalAbsolute is the normal-path expression', () => {
  const NORMAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/
  fc.assert(
    fc.property(paths, (p) => isNormalAbsolute(p) === NORMAL_PATH.test(p)),
    {numRuns: 3000},
  )
})

test.run()
