// The live machine's own /proc/PID/* files are read in one readFileSync call (bounded.ts readProcfsFile) rather
// than readPlain's steps: the outcome must be the same, for a file that reads, one whose process is gone, and one
// over the cap; and only a live, own, unrecorded view takes that path (a capture still records the mode).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {readPlain, readProcfsFile} from '../../src/sysroot/bounded.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'

const NO_PID = '/proc/4194304999/cgroup' // above pid_max: never a process

test('a file that reads, and a file of no process: the same outcome as readPlain', () => {
  for (const path of ['/proc/self/cgroup', '/proc/self/mountinfo', '/proc/1/cgroup', NO_PID]) {
    const plain = readPlain(path, path, 1 << 20, {noFollow: false})
    const fast = readProcfsFile(path, path, 1 << 20)
    const {mode: _mode, ...rest} = plain as typeof plain & {mode?: number}
    assert.equal(fast, rest, path)
  }
  assert.is(readProcfsFile(NO_PID, NO_PID, 1 << 20).kind, 'absent')
})

test('over the cap: malformed, as readPlain says it', () => {
  const path = '/proc/self/mountinfo'
  assert.equal(readProcfsFile(path, path, 10), readPlain(path, path, 10, {noFollow: false}))
})

test('a capture records the mode of /proc/self files: it keeps the plain read', () => {
  const sys = new Sysroot('/', {record: true})
  assert.is(sys.read('/proc/self/cgroup').kind, 'value')
  const rec = sys.recorded.get('/proc/self/cgroup')
  assert.ok(rec && rec.type === 'file' && typeof rec.mode === 'number', JSON.stringify(rec))
})

test.run()
