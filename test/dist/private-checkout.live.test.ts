// Issue 14: the suite must pass from a checkout that uid 65534 cannot reach, as root's clone under /root
// is. This clones the repository (its committed HEAD) into a directory of mode 700, builds the single file
// there and runs the tests that drop privileges (PRIVILEGE_DROPPING) from that clone. They pass only
// if nothing they run as nobody is read from the checkout.
import {existsSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {isRoot, run, which} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const NAME = 'privilege-dropping tests from a clone in a mode-700 directory'
/** Every test file that runs something as another uid (setpriv): each must use a public copy. */
const PRIVILEGE_DROPPING = 'probes/probes.live|security/cli|dist/no-passwd|integration/pid-target'
const GIT = which('git')
const SETPRIV = which('setpriv')
const why = !isRoot()
  ? 'needs root: the tests it runs drop privileges to uid 65534'
  : !GIT
    ? 'git is not installed'
    : !SETPRIV
      ? 'setpriv (util-linux) is not installed'
      : !existsSync(join(REPO, '.git'))
        ? 'not a git checkout: nothing to clone'
        : null

if (why) skip(test, NAME, why)
else {
  const dir = mkdtempSync(join(tmpdir(), 'guestview-private-')) // mkdtemp makes it mode 700
  test.after(() => rmSync(dir, {recursive: true, force: true}))

  test(NAME, () => {
    const clone = join(dir, 'guestview')
    const c = run(GIT!, ['clone', '--quiet', '--no-hardlinks', REPO, clone], {timeoutMs: 120_000})
    assert.is(c.status, 0, `git clone: ${c.stderr}`)
    // The dependencies are this checkout's: installing them again would only cost a download.
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'))

    const denied = run(SETPRIV!, ['--reuid', '65534', '--regid', '65534', '--clear-groups', 'test', '-r', clone], {
      timeoutMs: 10_000,
    })
    assert.is.not(denied.status, 0, `uid 65534 can reach ${clone}: the test would prove nothing`)

    const b = run(process.execPath, ['scripts/build.mjs'], {cwd: clone, timeoutMs: 180_000})
    assert.is(b.status, 0, `build in the clone: ${b.stdout}${b.stderr}`)
    const t = run(process.execPath, ['test/run-tests.mjs', PRIVILEGE_DROPPING], {cwd: clone, timeoutMs: 300_000})
    const summary = /^(\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(t.stdout)
    assert.ok(summary, `no summary from the tests in the clone: ${t.stdout.slice(-1500)}${t.stderr.slice(-1500)}`)
    assert.is(summary[2], '0', `failures in the clone:\n${failures(t.stdout)}`)
    assert.ok(Number(summary[1]) >= 4, `only ${summary[1]} passed in the clone:\n${t.stdout.slice(-2000)}`)
    assert.not.match(t.stdout, /skipped: .*(nobody|65534)/, 'the tests as uid 65534 were skipped in the clone')
    assert.is(t.status, 0)
  })
}

/** uvu's FAIL blocks (name, message, first frames), not the tail: a failure may sit far up the output. */
function failures(out: string): string {
  const blocks = out.split('\n').flatMap((line, i, lines) => (line.includes('FAIL ') ? [lines.slice(i, i + 6).join('\n')] : []))
  return (blocks.length ? blocks.join('\n') : out).slice(-3000)
}

test.run()
