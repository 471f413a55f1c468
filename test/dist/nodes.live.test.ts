// The single file, dist/guestview.mjs, end to end under every supported Node: this machine's (20) and the
// official 22 and 24 binaries from the npm registry (test/helpers/node-versions.ts installs them once).
// Each runs owns, report, check, explain and the overview on a pseudo-terminal (the Ink chunk), twice: the
// first run writes the code cache (scripts/loader.mjs), the second reads it, and both must say the same.
import {
  chmodSync,
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {comparable} from '../../src/report/capture.js'
import {built, parseJson, run, which, type Ran} from '../helpers/live.js'
import {officialNode} from '../helpers/node-versions.js'
import {FIXTURES, REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const BUNDLE = join(REPO, 'dist', 'guestview.mjs')
const ROOT = join(FIXTURES, 'explain-v2-plain', 'root') // a 1.5-core, 512 MiB cgroup v2 container
const SCRIPT = which('script')
const work = mkdtempSync(join(tmpdir(), 'guestview-nodes-'))
/** `owns --json` on the fixture tree, by this Node, of the single file at `file`. */
const ownsOnTree = (env: Record<string, string>, file = BUNDLE) =>
  run(process.execPath, [file, 'owns', '--json', '--root', ROOT], {env})
test.after(() => rmSync(work, {recursive: true, force: true}))

type Node = {label: string; node: string} | {label: string; why: string}
const nodes: Node[] = [
  {label: `Node ${process.versions.node.split('.')[0]} (this machine's)`, node: process.execPath},
  ...[22, 24].map((major): Node => {
    const b = officialNode(major)
    return b.ok ? {label: `Node ${major} (${b.version})`, node: b.node} : {label: `Node ${major}`, why: b.reason}
  }),
]

for (const n of nodes) {
  const name = `single file under ${n.label}: owns, report, check, explain, overview on a pty; code cache`
  if (!built()) skip(test, name, 'dist/guestview.mjs is not built: run `npm run build`')
  else if ('why' in n) skip(test, name, n.why)
  else
    test(name, () => {
      const cache = mkdtempSync(join(work, 'cache-'))
      const env = {XDG_CACHE_HOME: cache}
      const gv = (args: string[]): Ran => run(n.node, [BUNDLE, ...args], {env, timeoutMs: 60_000})
      const ok = (r: Ran, what: string) => assert.is(r.status, 0, `${what}: exit ${r.status} ${r.signal ?? ''}: ${r.stderr}`)

      const version = gv(['--version'])
      ok(version, '--version')
      assert.match(version.stdout, new RegExp(`guestview/\\d+\\.\\d+\\.\\d+ linux-x64 node-v${n.node === process.execPath ? process.versions.node : '\\d'}`))

      const first = gv(['owns', '--json', '--root', ROOT])
      ok(first, 'owns --json')
      const cached = readdirSync(join(cache, 'guestview'))
      // A run on a tree (--root) keeps a cache of its own: a live run compiles other functions.
      assert.ok(
        cached.some((f) => /^code-[0-9a-f]{16}-program\.owns-target-v\d+\.\d+\.\d+-x64\.bin$/.test(f)),
        `no code cache written: ${cached.join(', ')}`,
      )
      const second = gv(['owns', '--json', '--root', ROOT])
      ok(second, 'owns --json, from the code cache')
      const a = parseJson(first, 'owns --json')
      assert.is(a.cpu.limit.value, 1.5)
      assert.equal(comparable(parseJson(second, 'owns --json (cached)')), comparable(a))

      const report = gv(['report', '--json', '--root', ROOT])
      ok(report, 'report --json')
      const r = parseJson(report, 'report --json')
      assert.ok(r.findings.length > 0 && r.views.length > 0, 'report has findings and views')

      const check = gv(['check', '--root', ROOT])
      ok(check, 'check')
      assert.match(check.stdout, /guestview check: what misleads right now/)

      const explain = gv(['explain', 'top', '--root', ROOT])
      ok(explain, 'explain top')
      assert.match(explain.stdout, /top/)

      if (SCRIPT) {
        for (const round of ['writes', 'reads']) {
          const tty = onPty(n.node, ['--root', ROOT], env)
          ok(tty, `overview on a pty (${round} the Ink chunk's cache)`)
          assert.match(tty.stdout, /\u001b\[/, 'no colour codes: the overview did not go through Ink')
          assert.match(tty.stdout, /╭─+╮/, 'no Ink border')
          assert.match(tty.stdout.replace(/\u001b\[[0-9;]*m/g, ''), /1\.5 cores/)
        }
        assert.ok(
          readdirSync(join(cache, 'guestview')).some((f) => /-ink\./.test(f)),
          'no code cache written for the Ink chunk',
        )
        // The Ink chunk's code is kept unpacked beside the caches, so that later runs load no zlib.
        const kept = readdirSync(join(cache, 'guestview')).filter((f) => /^code-[0-9a-f]{16}-chunk-ink\.js$/.test(f))
        assert.is(kept.length, 1, `the Ink chunk's code is not kept: ${readdirSync(join(cache, 'guestview')).join(', ')}`)
      } else console.log('  note: no util-linux `script`: the overview on a pty is not run')

      // A cache V8 must refuse (garbage, as a torn or foreign file would be) is rebuilt, never trusted; kept code
      // of the wrong length is unpacked again.
      for (const f of readdirSync(join(cache, 'guestview'))) writeFileSync(join(cache, 'guestview', f), 'not a cache')
      const refused = gv(['owns', '--json', '--root', ROOT])
      ok(refused, 'owns --json with a broken cache')
      assert.equal(comparable(parseJson(refused, 'owns --json (broken cache)')), comparable(a))
      if (SCRIPT) {
        const tty = onPty(n.node, ['--root', ROOT], env)
        ok(tty, 'overview on a pty with broken caches and kept code')
        assert.match(tty.stdout, /╭─+╮/, 'no Ink border')
        assert.match(tty.stdout.replace(/\u001b\[[0-9;]*m/g, ''), /1\.5 cores/)
      }
    })
}

const name = 'code cache: not used from a directory that others may write to'
if (!built()) skip(test, name, 'dist/guestview.mjs is not built: run `npm run build`')
else
  test(name, () => {
    const cache = mkdtempSync(join(work, 'open-'))
    mkdirSync(join(cache, 'guestview'))
    chmodSync(join(cache, 'guestview'), 0o777)
    const r = ownsOnTree({XDG_CACHE_HOME: cache})
    assert.is(r.status, 0, r.stderr)
    assert.equal(readdirSync(join(cache, 'guestview')), [], 'a cache was written to a world-writable directory')
    const off = mkdtempSync(join(work, 'off-'))
    const r2 = ownsOnTree({XDG_CACHE_HOME: off, GUESTVIEW_CODE_CACHE: '0'})
    assert.is(r2.status, 0, r2.stderr)
    assert.equal(readdirSync(off), [], 'GUESTVIEW_CODE_CACHE=0 still wrote a cache')
  })

const temporary =
  'code cache with no cache directory in HOME and none shipped: $TMPDIR/guestview-UID, mode 0700, only if it is the user\'s alone'
if (!built()) skip(test, temporary, 'dist/guestview.mjs is not built: run `npm run build`')
else
  test(temporary, () => {
    const tmp = mkdtempSync(join(work, 'tmp-'))
    const uid = process.getuid!()
    const dir = join(tmp, `guestview-${uid}`)
    // A relative XDG_CACHE_HOME is refused, as a read-only HOME would be.
    const env = {XDG_CACHE_HOME: 'relative', TMPDIR: tmp, GUESTVIEW_TRACE_START: '1'}
    const owns = () => ownsOnTree(env)
    const first = owns()
    assert.is(first.status, 0, first.stderr)
    assert.is(statSync(dir).mode & 0o777, 0o700)
    assert.ok(readdirSync(dir).some((f) => f.includes('-program.owns-target')), readdirSync(dir).join(', '))
    const second = owns()
    assert.match(second.stderr, /program compiled \(from its code cache\)/, second.stderr)
    assert.equal(comparable(parseJson(second, 'owns (temporary cache)')), comparable(parseJson(first, 'owns')))
    // Refused, and left as it is: a directory others can write to, one of another user's, a link.
    const refused = (what: string) => {
      const r = owns()
      assert.is(r.status, 0, r.stderr)
      assert.not.match(r.stderr, /from its code cache/, `read from ${what}`)
    }
    chmodSync(dir, 0o777)
    refused('a directory that others may write to')
    chmodSync(dir, 0o700)
    if (uid === 0) {
      chownSync(dir, 65534, 65534)
      refused("another user's directory")
      chownSync(dir, 0, 0)
    }
    const real = join(tmp, 'elsewhere')
    renameSync(dir, real)
    symlinkSync(real, dir)
    refused('a link')
    assert.ok(lstatSync(dir).isSymbolicLink(), 'the link was replaced')
  })

const shipped =
  'shipped code cache beside the file (the image\'s): read for every command where the user has no cache, never written, and only if no one else can write it'
if (!built()) skip(test, shipped, 'dist/guestview.mjs is not built: run `npm run build`')
else
  test(shipped, () => {
    const app = mkdtempSync(join(work, 'app-'))
    copyFileSync(BUNDLE, join(app, 'guestview.mjs'))
    const made = run(process.execPath, [join(REPO, 'scripts', 'ship-code-cache.mjs'), app])
    assert.is(made.status, 0, made.stderr)
    const files = readdirSync(join(app, 'code-cache')).sort()
    assert.is(files.length, 3, files.join(', '))
    assert.match(files[0]!, /^code-[0-9a-f]+-chunk-ink\.any-v\d+\.\d+\.\d+-x64\.bin$/)
    assert.match(files[1]!, /^code-[0-9a-f]+-chunk-ink\.js$/)
    assert.match(files[2]!, /^code-[0-9a-f]+-program\.any-v\d+\.\d+\.\d+-x64\.bin$/)
    // No cache of the user's (a relative XDG_CACHE_HOME is refused, as a read-only HOME would be).
    // (and a temporary directory of the test's, which the shipped cache keeps unused: asserted below).
    const noHome = {XDG_CACHE_HOME: 'relative', TMPDIR: mkdtempSync(join(work, 'tmp-')), GUESTVIEW_TRACE_START: '1'}
    const plain = ownsOnTree({GUESTVIEW_CODE_CACHE: '0'})
    for (const cmd of [['owns', '--json'], ['check', '--json'], ['explain', 'free']]) {
      const r = run(process.execPath, [join(app, 'guestview.mjs'), ...cmd, '--root', ROOT], {env: noHome})
      assert.is(r.status, 0, r.stderr)
      assert.match(r.stderr, /program compiled \(from its code cache\)/, `${cmd.join(' ')}: ${r.stderr}`)
      if (cmd[0] === 'owns') assert.equal(comparable(parseJson(r, 'owns (shipped cache)')), comparable(parseJson(plain, 'owns')))
    }
    // On a terminal: the Ink chunk's shipped code (no unpacking) and code cache.
    if (SCRIPT) {
      const tty = onPty(process.execPath, ['owns', '--root', ROOT], noHome, join(app, 'guestview.mjs'))
      assert.is(tty.status, 0, tty.stderr)
      assert.match(tty.stdout, /chunk-ink read \(its code kept unpacked\)/, tty.stdout)
      assert.match(tty.stdout, /chunk-ink compiled \(from its code cache\)/, tty.stdout)
    }
    assert.equal(readdirSync(join(app, 'code-cache')).sort(), files, 'the shipped cache was written to')
    assert.equal(readdirSync(noHome.TMPDIR), [], 'a cache was made in the temporary directory beside a shipped one')
    chmodSync(join(app, 'code-cache'), 0o777)
    const open = ownsOnTree(noHome, join(app, 'guestview.mjs'))
    assert.is(open.status, 0, open.stderr)
    assert.not.match(open.stderr, /from its code cache/, 'read from a directory that others may write to')
    chmodSync(join(app, 'code-cache'), 0o755)
    const off = ownsOnTree({...noHome, GUESTVIEW_CODE_CACHE: '0'}, join(app, 'guestview.mjs'))
    assert.not.match(off.stderr, /from its code cache/, 'GUESTVIEW_CODE_CACHE=0 turns the shipped cache off too')
  })

/** The CLI on a pseudo-terminal (util-linux script), as a person runs it: no NO_COLOR, no CI variables. */
function onPty(node: string, args: string[], extra: Record<string, string>, file = BUNDLE): Ran {
  const env: Record<string, string> = {TERM: 'xterm-256color', ...extra}
  const unset = ['NO_COLOR', 'FORCE_COLOR', 'CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS']
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`
  const command = `stty cols 100 rows 60; exec env ${unset.map((v) => `-u ${v}`).join(' ')} ${[node, file, ...args].map(q).join(' ')}`
  return run(SCRIPT!, ['-qec', command, '/dev/null'], {env, timeoutMs: 60_000})
}

test.run()
