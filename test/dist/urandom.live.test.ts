// The report's id (nanoid) reads the kernel's CSPRNG from /dev/urandom in the bundle (scripts/build.mjs EDITS:
// loading node:crypto cost about a tenth of `owns --json`), and falls back to node:crypto's randomFillSync
// where that file gives nothing. A container's /dev is its runtime's choice, so both fallbacks run for real:
// /dev/urandom present but empty (bind-mounted over by an empty file: every read returns 0 bytes), and no
// /dev/urandom at all (an empty tmpfs over /dev), each in a mount namespace of its own (unshare -m), so the
// machine's /dev is never touched. The ids must still be nanoid's shape and differ from run to run.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, isRoot, run, which} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const NAME = 'the report id without a usable /dev/urandom'
const UNSHARE = which('unshare')
const ID = /"id": "([A-Za-z0-9_-]{21})"/

let why: string | null = null
if (!built()) why = 'dist/guestview.mjs is not built: run `npm run build`'
else if (!isRoot()) why = 'not root: unshare -m and mount need CAP_SYS_ADMIN'
else if (!UNSHARE) why = 'no unshare (util-linux)'

if (why) skip(test, NAME, why)
else {
  const dir = mkdtempSync(join(tmpdir(), 'gv-urandom-'))
  const empty = join(dir, 'empty')
  writeFileSync(empty, '')
  test.after(() => rmSync(dir, {recursive: true, force: true}))

  /** Two runs of `owns --json` with /dev made as SETUP says, in a mount namespace of their own; their ids. */
  function ids(setup: string): string[] {
    const script = `${setup} && for i in 1 2; do "$0" "$1" owns --json || exit 1; done`
    // No code cache: the fallback is compiled and run as on a first run, whatever ran before.
    const r = run(UNSHARE!, ['-m', 'sh', '-c', script, process.execPath, join(REPO, 'dist', 'guestview.mjs')], {
      env: {GUESTVIEW_CODE_CACHE: '0'},
    })
    assert.is(r.status, 0, `${setup}: ${r.stderr}`)
    assert.not.match(r.stderr, /Error|at /, 'no stack trace')
    return [...r.stdout.matchAll(new RegExp(ID, 'g'))].map((m) => m[1]!)
  }

  test(`${NAME}: /dev/urandom gives no bytes`, () => {
    const got = ids(`mount --bind ${empty} /dev/urandom`)
    assert.is(got.length, 2, 'two reports, each with an id')
    assert.is.not(got[0], got[1], 'random ids: node:crypto filled them')
  })

  test(`${NAME}: no /dev/urandom at all`, () => {
    const got = ids('mount -t tmpfs tmpfs /dev')
    assert.is(got.length, 2, 'two reports, each with an id')
    assert.is.not(got[0], got[1], 'random ids: node:crypto filled them')
  })
}

test.run()
