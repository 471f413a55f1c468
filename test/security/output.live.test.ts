// Output hygiene (issue 13 items 6, 7): numbers that overflow are malformed with a reason, never Infinity or
// NaN on screen or a silent null in the JSON; control characters from the tree are escaped on a terminal
// (and in plain text), and no field is unbounded in human or JSON output.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, cli, parseJson} from '../helpers/live.js'
import {cleanupScratch, copyFixture, scratch} from '../helpers/hostile.js'
import {skip} from '../helpers/skip.js'

test.after(cleanupScratch)

const HUGE = '9'.repeat(400)
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

function put(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), {recursive: true})
    writeFileSync(join(root, p), text)
  }
}

if (!built()) skip(test, 'output hygiene', 'dist/ is not built (npm test builds first)')
else {
  test('400-digit numbers in loadavg, uptime, PSI, perf_event_paranoid: malformed with a reason, never Infinity', () => {
    const tree = copyFixture('explain-v2-plain', join(scratch(), 'tree'))
    put(tree, {
      'proc/loadavg': `${HUGE}.00 0.40 0.38 2/210 4321\n`,
      'proc/uptime': `${HUGE}.12 100.00\n`,
      'proc/pressure/cpu': `some avg10=${HUGE}.00 avg60=0.00 avg300=0.00 total=0\n`,
      'proc/pressure/memory': `some avg10=0.00 avg60=0.00 avg300=0.00 total=${HUGE}\n`,
      'sys/fs/cgroup/cpu.pressure': `some avg10=${HUGE}.00 avg60=0.00 avg300=0.00 total=0\n`,
      'proc/sys/kernel/perf_event_paranoid': `${HUGE}\n`,
    })
    for (const args of [
      ['check'],
      ['owns'],
      ['views'],
      ['explain', 'uptime'],
      ['explain', 'top'],
      ['explain', 'perf'],
      ['explain', '--all'],
      ['overview'],
      ['metrics'],
      ['report', '--json'],
    ]) {
      const r = cli([...args, '--root', tree])
      assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
      assert.not.match(r.stdout, /Infinity|NaN|undefined/, `${args.join(' ')} printed a non-number`)
    }
    const report = parseJson(cli(['report', '--json', '--root', tree]), 'report')
    const text = JSON.stringify(report)
    assert.match(text, /\/proc\/loadavg: malformed: load: out of range/)
    assert.match(text, /\/proc\/uptime: malformed: uptime: out of range/)
    assert.match(text, /perf_event_paranoid: malformed: out of the s64 range/)
    assert.not.ok(
      report.findings.some(
        (f: {id: string}) => f.id === 'load-average-host-wide' && /Infinity/.test(JSON.stringify(f)),
      ),
    )
  })

  test('control characters from the tree are escaped: an OSC title in /proc/1/comm, a hostname, an interface', () => {
    const tree = copyFixture('explain-v2-plain', join(scratch(), 'tree'))
    const osc = '\u001b]0;pwned\u0007\u001b[2J\u009b31m'
    put(tree, {
      'proc/1/comm': `evil${osc}\n`,
      'proc/sys/kernel/hostname': `host${osc}\n`,
      'proc/net/dev':
        'Inter-|   Receive                                                |  Transmit\n' +
        ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
        `eth0${osc}: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n`,
    })
    for (const args of [
      ['explain', 'pidstat'],
      ['explain', 'ps'],
      ['views'],
      ['explain', 'sar -n DEV'],
      ['overview'],
    ]) {
      const r = cli([...args, '--root', tree])
      assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
      assert.not.match(r.stdout, RAW_CONTROL, `${args.join(' ')} printed a raw control character`)
    }
    const views = cli(['views', '--root', tree]).stdout
    assert.match(views, /\\x1b\]0;pwned\\x07/)
  })

  test('field lengths are bounded in human and JSON output (a 1 MB hostname)', () => {
    const tree = copyFixture('explain-v2-plain', join(scratch(), 'tree'))
    put(tree, {'proc/sys/kernel/hostname': 'h'.repeat(1_000_000) + '\n'})
    const json = cli(['views', '--json', '--root', tree])
    assert.is(json.status, 0, json.stderr)
    assert.ok(json.stdout.length < 64 * 1024, `views --json is ${json.stdout.length} bytes`)
    assert.match(json.stdout, /more characters\)/)
    const human = cli(['views', '--root', tree])
    assert.ok(human.stdout.length < 64 * 1024, `views is ${human.stdout.length} bytes`)
  })
}

test.run()
