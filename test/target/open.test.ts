// openPid: a target that exits between the check of its stat and the read of its root is "no process",
// never "cannot read its root directory" (a race CI hit under load with short-lived targets).
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {openPid} from '../../src/target/open.js'
import {cleanupTrees, makeTree} from '../helpers/tree.js'

const stat = (state: string, startTicks = 100) =>
  `7 (sleep) ${state} 1 1 1 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 ${startTicks} 0 0\n`

/** A tree with PID 7 but no /proc/7/root; `onList` changes the tree when the root is listed. */
function racing(onList: (dir: string) => void): Sysroot {
  const dir = makeTree({files: {'/proc/7/stat': stat('S')}})
  const sys = new Sysroot(dir)
  const list = sys.list.bind(sys)
  sys.list = (path: string) => {
    if (path === '/proc/7/root') onList(dir)
    return list(path)
  }
  return sys
}

const gone = /^--pid 7: no process 7 is visible here\. It has exited/

test('the process exits between the two reads: no process, not a broken root', () => {
  const r = openPid(
    racing((dir) => rmSync(join(dir, 'proc/7'), {recursive: true})),
    7,
  )
  assert.is(r.ok, false)
  if (!r.ok) assert.match(r.message, gone)
})

test('it became a zombie, or its PID was reused: the same', () => {
  for (const next of [stat('Z'), stat('S', 999)]) {
    const r = openPid(
      racing((dir) => writeFileSync(join(dir, 'proc/7/stat'), next)),
      7,
    )
    assert.is(r.ok, false)
    if (!r.ok) assert.match(r.message, gone)
  }
})

test('still there and unchanged: the root itself is the problem, and the message says so', () => {
  const r = openPid(
    racing(() => {}),
    7,
  )
  assert.is(r.ok, false)
  if (!r.ok) assert.match(r.message, /^--pid 7: cannot read its root directory: /)
})

test.after(cleanupTrees)
test.run()
