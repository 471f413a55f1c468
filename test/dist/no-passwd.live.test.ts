// A uid with no passwd entry, as containers run under OpenShift's arbitrary uid or `podman run --user N`:
// Node's os.userInfo() throws there (uv_os_get_passwd ENOENT), and os.homedir() too when HOME is unset.
// oclif called userInfo() for the shell whenever SHELL was unset, so every command crashed (src/cli/account.ts
// is the fix). Each command runs from a world-readable copy of the single file (test/helpers/public-copy.ts),
// as that uid, with SHELL unset, then with SHELL and HOME unset; the Ink path on a pty (`script`) too.
import {readFileSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {join} from 'node:path'
import {built, run, which} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {publicCopy} from '../helpers/public-copy.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

/** The first uid from 4242 up that /etc/passwd does not name (getent would also ask NSS; passwd is what Node's libuv reads through getpwuid_r, and a container has only the file). */
function uidWithoutEntry(): number {
  let taken = new Set<number>()
  try {
    taken = new Set(
      readFileSync('/etc/passwd', 'utf8')
        .split('\n')
        .map((l) => Number(l.split(':')[2])),
    )
  } catch {}
  let uid = 4242
  while (taken.has(uid) || run('getent', ['passwd', String(uid)]).status === 0) uid++
  return uid
}

const COMMANDS: string[][] = [
  ['report', '--json'],
  ['owns', '--json'],
  ['owns'],
  ['check'],
  ['views', '--json'],
  ['explain', 'top'],
  ['metrics'],
  [],
  ['--help'],
  ['--version'],
]
const NAME = 'every command as a uid with no passwd entry, SHELL (and HOME) unset'

const SETPRIV = which('setpriv')
const ENV = which('env')
let why: string | null = null
if (!built()) why = 'dist/guestview.mjs is not built: run `npm run build`'
else if (process.getuid?.() !== 0) why = 'not root: setpriv cannot take another uid'
else if (!SETPRIV || !ENV) why = 'no setpriv or env (util-linux, coreutils)'

if (why) skip(test, NAME, why)
else {
  const copy = publicCopy([join(REPO, 'dist', 'guestview.mjs')])
  test.after(() => copy.remove())
  const uid = String(uidWithoutEntry())
  const drop = [SETPRIV!, '--reuid', uid, '--regid', uid, '--clear-groups']
  const node = process.execPath
  const reached = run(drop[0]!, [...drop.slice(1), node, '-e', '0'])

  if (reached.status !== 0)
    skip(test, NAME, `uid ${uid} cannot start ${node} (${reached.stderr.trim().slice(0, 200)}): put node where all may run it`)
  else
    test(NAME, () => {
      // The failure being guarded against, checked first: Node itself cannot name this uid.
      const bare = run(ENV!, ['-u', 'SHELL', ...drop, node, '-e', 'require("os").userInfo()'])
      assert.match(bare.stderr, /uv_os_get_passwd/, `uid ${uid} has a passwd entry after all: ${bare.stderr}`)

      for (const unset of [['SHELL'], ['SHELL', 'HOME']])
        for (const args of COMMANDS) {
          const what = `env -u ${unset.join(' -u ')} setpriv --reuid=${uid} ... guestview ${args.join(' ')}`
          const r = run(ENV!, [...unset.flatMap((v) => ['-u', v]), ...drop, node, copy.path('guestview.mjs'), ...args], {
            timeoutMs: 30_000,
          })
          assert.is(r.status, 0, `${what}: exit ${r.status} (${r.signal ?? ''})\n${r.stderr.slice(0, 800)}`)
          assert.not.match(r.stderr + r.stdout, /uv_os_get_passwd|ERR_SYSTEM_ERROR/, what)
          assert.ok(r.stdout.trim().length > 0, `${what}: printed nothing`)
          if (args.includes('--json')) checkJson(r.stdout, args, what)
        }

      // The Ink path: the overview on a terminal.
      const script = which('script')
      if (!script) return
      const onPty = run(ENV!, ['-u', 'SHELL', '-u', 'HOME', ...drop, script, '-qec', `${node} ${copy.path('guestview.mjs')}`, '/dev/null'], {
        timeoutMs: 30_000,
        env: {TERM: 'xterm-256color', COLUMNS: '100'},
      })
      assert.is(onPty.status, 0, `overview on a pty: exit ${onPty.status}\n${onPty.stdout.slice(-800)}`)
      assert.not.match(onPty.stdout, /uv_os_get_passwd|ERR_SYSTEM_ERROR/)
      assert.match(onPty.stdout, /guestview/)
    })
}

test.run()
