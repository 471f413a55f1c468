// Issue 12 item 6: the /dev/kmsg probe read 1024 bytes, and the kernel answers EINVAL when the next record is
// longer, which was reported as an error. A real FUSE file (python3-fuse, from Debian) answers reads as
// /dev/kmsg does; the probe reads 8192 bytes and takes EINVAL (and EPIPE) as "readable" anyway.
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {built, cli, isRoot, parseJson, run} from '../helpers/live.js'
import {cleanupScratch, copyFixture, scratch} from '../helpers/hostile.js'
import {skip} from '../helpers/skip.js'

const PY = '/usr/bin/python3'

function hasFuse(): string | null {
  if (!isRoot()) return 'needs root (FUSE mount and apt-get)'
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse'
  if (run(PY, ['-c', 'import fuse']).status !== 0) {
    const r = run('apt-get', ['install', '-y', '--no-install-recommends', 'python3-fuse'], {
      timeoutMs: 180_000,
      env: {DEBIAN_FRONTEND: 'noninteractive'},
    })
    if (r.status !== 0) return `python3-fuse could not be installed: ${r.stderr.trim().split('\n').pop()}`
  }
  return null
}

const mounted = (dir: string) => readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${dir} `)

const why = built() ? hasFuse() : 'dist/ is not built (npm test builds first)'
if (why) skip(test, '/dev/kmsg probe on a FUSE kmsg', why)
else {
  let server: ChildProcess | null = null
  let dev = ''
  test.after(() => {
    if (dev && mounted(dev)) run('umount', ['-l', dev])
    if (server?.pid) server.kill('SIGKILL')
    cleanupScratch()
  })

  test('a kmsg whose next record is longer than 1024 bytes (EINVAL on a short read) is readable', async () => {
    const tree = copyFixture('explain-v2-plain', join(scratch(), 'tree'))
    dev = join(tree, 'dev')
    mkdirSync(dev, {recursive: true})
    server = spawn(PY, [join(REPO, 'test/helpers/kmsg-fuse.py'), dev], {stdio: 'ignore'})
    for (let i = 0; i < 100 && !mounted(dev); i++) await new Promise((r) => setTimeout(r, 100))
    assert.ok(mounted(dev), 'the FUSE kmsg mounted')
    const report = parseJson(cli(['report', '--json', '--root', tree]), 'report')
    assert.is(report.probes.dmesg.kmsg, 'readable', report.probes.dmesg.why)
    assert.is(report.probes.dmesg.verdict, 'host-log')
  })
}

test.run()
