// test/helpers/lxcfs-files.ts: the eight files lxcfs serves, as files to bind under / (the live tests) and
// as the views' sources (the unit tests on the lxcfs fixtures).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {LXCFS_FILES, LXCFS_SOURCES} from '../helpers/lxcfs-files.js'

test('the eight files, each once; the sources are the same files under /', () => {
  assert.is(new Set(LXCFS_FILES).size, 8)
  assert.equal(
    LXCFS_SOURCES,
    LXCFS_FILES.map((f) => '/' + f),
  )
  assert.ok(LXCFS_SOURCES.includes('/sys/devices/system/cpu/online'))
  assert.not.ok(LXCFS_SOURCES.includes('/proc/vmstat'), 'lxcfs does not serve /proc/vmstat')
})

test.run()
