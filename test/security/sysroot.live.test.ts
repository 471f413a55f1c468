// Hostile --root trees (issue 13 items 1, 4, 5): links that leave the tree, FIFOs and devices in place of
// files, and huge files. Each runs the built CLI with a hard timeout and, where memory is the attack, its
// peak RSS measured by GNU time.
import {execFileSync} from 'node:child_process'
import {closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {BIN} from '../helpers/paths.js'
import {built, cli, isRoot, parseJson, run, which} from '../helpers/live.js'
import {cleanupScratch, copyFixture, entriesOf, scratch} from '../helpers/hostile.js'
import {skip} from '../helpers/skip.js'

test.after(cleanupScratch)

const MARK = `SECRET-${process.pid}-${Date.now()}`

/** A tree from a v2 fixture, beside a secret file outside it. */
function treeBesideSecret(): {t: string; tree: string; secret: string} {
  const t = scratch()
  const tree = copyFixture('docker-v2-private', join(t, 'tree'))
  const secret = join(t, 'shadow')
  writeFileSync(secret, `root:${MARK}:19000:0:99999:7:::\n`)
  return {t, tree, secret}
}

function relink(tree: string, guest: string, target: string): void {
  const p = join(tree, guest)
  mkdirSync(join(p, '..'), {recursive: true})
  try {
    execFileSync('rm', ['-f', p])
  } catch {}
  symlinkSync(target, p)
}

/** The CLI's peak RSS in MB (GNU time), its exit status and output. */
function measured(args: string[], timeoutMs = 60_000) {
  const time = which('time') ?? '/usr/bin/time'
  const r = run(time, ['-f', 'RSS_KB=%M', process.execPath, BIN, ...args], {timeoutMs})
  const m = /RSS_KB=(\d+)/.exec(r.stderr)
  return {...r, rssMb: m ? Number(m[1]) / 1024 : null}
}

if (!built()) skip(test, 'hostile sysroot trees', 'dist/ is not built (npm test builds first)')
else {
  test('links that leave the tree are never followed: no secret in views, report, explain or capture', () => {
    const {t, tree, secret} = treeBesideSecret()
    // Relative links that climb out of the tree, and absolute ones (resolved inside the tree, as
    // openat2 RESOLVE_IN_ROOT does: /…/shadow is not there, so absent).
    const rel = (guest: string) => '../'.repeat(guest.split('/').length - 1) + '../shadow'
    relink(tree, 'proc/sys/kernel/hostname', rel('proc/sys/kernel/hostname'))
    relink(tree, 'proc/meminfo', rel('proc/meminfo'))
    relink(tree, 'sys/fs/cgroup/memory.max', secret)
    relink(tree, 'proc/loadavg', '/../../../../../../../../..' + secret)
    for (const args of [
      ['views'],
      ['views', '--json'],
      ['report', '--json'],
      ['owns'],
      ['explain', 'free'],
      ['metrics'],
    ]) {
      const r = cli([...args, '--root', tree])
      assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
      assert.not.ok(r.stdout.includes(MARK) || r.stderr.includes(MARK), `${args.join(' ')} printed the secret`)
    }
    const report = parseJson(cli(['report', '--json', '--root', tree]), 'report')
    assert.match(JSON.stringify(report), /escapes the root/)
    assert.is(report.host.memTotalBytes, null)
    const dir = join(t, 'cap')
    const c = cli(['capture', dir, '--root', tree, '--json'])
    assert.ok(c.status === 0 || c.status === 1, c.stderr)
    for (const e of entriesOf(dir)) {
      if (e.type === 'file') assert.not.ok(execFileSync('cat', [join(dir, e.path)], {encoding: 'utf8'}).includes(MARK))
    }
    const replay = cli(['report', '--json', '--root', dir])
    assert.not.ok(replay.stdout.includes(MARK))
  })

  test('a FIFO in place of a file: owns and report finish, the file is malformed "not a regular file"', () => {
    const {tree} = treeBesideSecret()
    for (const guest of ['proc/meminfo', 'sys/fs/cgroup/memory.max', 'proc/self/mountinfo']) {
      execFileSync('rm', ['-f', join(tree, guest)])
      execFileSync('mkfifo', [join(tree, guest)])
    }
    for (const args of [['owns', '--json'], ['report', '--json'], ['views'], ['diagnose', '--interval', '0.2']]) {
      const r = cli([...args, '--root', tree], {timeoutMs: 20_000})
      assert.is(r.signal, null, `${args.join(' ')} hung`)
      assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
    }
    const owns = parseJson(cli(['owns', '--json', '--root', tree]), 'owns')
    assert.match(owns.cgroup.notes.join(' '), /\/proc\/self\/mountinfo: malformed: a FIFO, not a regular file/)
  })

  const devices = isRoot() && which('mknod')
  if (!devices) skip(test, '/dev/zero as proc/meminfo', 'needs root and mknod to make a device node in the tree')
  else
    test('/dev/zero (a device node) as proc/meminfo: malformed, read not at all, small RSS', () => {
      const {tree} = treeBesideSecret()
      execFileSync('rm', ['-f', join(tree, 'proc/meminfo')])
      execFileSync('mknod', [join(tree, 'proc/meminfo'), 'c', '1', '5'])
      const r = measured(['report', '--json', '--root', tree], 30_000)
      assert.is(r.status, 0, r.stderr)
      assert.ok(r.rssMb !== null && r.rssMb <= 100, `RSS ${r.rssMb} MB`)
      const report = parseJson(r, 'report --json over /dev/zero as meminfo')
      assert.match(JSON.stringify(report), /\/proc\/meminfo: malformed: a character device, not a regular file/)
    })

  test('200 MB mountinfo and cgroup.procs: bounded time and RSS <= 100 MB, and what was dropped is said', () => {
    const t = scratch()
    const tree = copyFixture('docker-v2-private', join(t, 'tree'))
    const big = (guest: string, line: (i: number) => string, bytes: number) => {
      const fd = openSync(join(tree, guest), 'w')
      const block = Buffer.from(Array.from({length: 2000}, (_, i) => line(i)).join(''))
      for (let n = 0; n < bytes; n += block.length) writeSync(fd, block)
      closeSync(fd)
    }
    big(
      'proc/self/mountinfo',
      (i) => `${2000 + i} 1201 0:${90 + (i % 50)} / /mnt/m${i} rw,relatime - tmpfs tmpfs rw\n`,
      200e6,
    )
    for (const args of [
      ['owns', '--json'],
      ['report', '--json'],
    ]) {
      const t0 = Date.now()
      const r = measured([...args, '--root', tree])
      assert.is(r.status, 0, r.stderr)
      assert.ok(r.rssMb !== null && r.rssMb <= 100, `${args.join(' ')}: RSS ${r.rssMb} MB`)
      assert.ok(Date.now() - t0 < 20_000, `${args.join(' ')} took ${Date.now() - t0} ms`)
      assert.match(parseJson(r, args.join(' ')).cgroup.notes.join(' '), /mountinfo: .*larger than 8388608 bytes/)
    }
    // diagnose: a cgroup.procs of 200 MB of PIDs; the mountinfo is sane again.
    const t2 = scratch()
    const tree2 = copyFixture('docker-v2-private', join(t2, 'tree'))
    mkdirSync(join(tree2, 'proc/17'), {recursive: true})
    writeFileSync(join(tree2, 'proc/17/status'), 'Name:\tx\nnonvoluntary_ctxt_switches:\t5\n')
    const fd = openSync(join(tree2, 'sys/fs/cgroup/cgroup.procs'), 'w')
    const block = Buffer.from(Array.from({length: 10000}, (_, i) => `${17 + i}\n`).join(''))
    for (let n = 0; n < 200e6; n += block.length) writeSync(fd, block)
    closeSync(fd)
    const r = measured(['diagnose', '--interval', '0.2', '--json', '--root', tree2])
    assert.is(r.status, 0, r.stderr)
    assert.ok(r.rssMb !== null && r.rssMb <= 100, `diagnose: RSS ${r.rssMb} MB`)
    const sw = parseJson(r, 'diagnose --json, 200 MB cgroup.procs').deltas.nonvoluntarySwitches
    assert.is(sw.notReadAtLeast, true)
    assert.ok(sw.notRead > 0)
    const human = cli(['diagnose', '--interval', '0.2', '--root', tree2])
    assert.match(human.stdout.replace(/\s+/g, ' '), /only the first 4096 listed were read, \d+ or more not/)
  })
}

test.run()
