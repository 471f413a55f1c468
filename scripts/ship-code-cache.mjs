// node scripts/ship-code-cache.mjs DIR: beside DIR/guestview.mjs, a code cache for every kind of run, made by
// this Node (the one that will run it): the program's from a `report --json` run, which compiles most of the
// program; the Ink chunk's from the overview drawn with Ink (GUESTVIEW_DRAW_INK=1: a build has no terminal),
// with the chunk's code unpacked, so that a terminal run in the image neither unpacks nor compiles Ink.
// scripts/loader.mjs reads DIR/code-cache where the user has no cache of their own (the image's read-only
// root, uid 65534) and never writes it. Dockerfile.guest runs this in its build stage, with the runtime's Node.
import {spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const dir = process.argv[2]
if (!dir) throw new Error('usage: node scripts/ship-code-cache.mjs DIR (DIR holds guestview.mjs)')
const home = mkdtempSync(join(tmpdir(), 'guestview-ship-'))
const caches = join(home, 'guestview')

/** Run guestview with `args` and a cache directory of its own: the cache files that run wrote. */
function run(args, env = {}) {
  const before = new Set(readdirSafe(caches))
  const r = spawnSync(process.execPath, [join(dir, 'guestview.mjs'), ...args], {
    env: {...process.env, XDG_CACHE_HOME: home, GUESTVIEW_CODE_CACHE: '1', ...env},
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (r.status !== 0) throw new Error(`guestview ${args.join(' ')} exited ${r.status}`)
  return readdirSafe(caches).filter((f) => !before.has(f))
}

function readdirSafe(d) {
  try {
    return readdirSync(d)
  } catch {
    return []
  }
}

/** The one file of `made` that matches `pattern`, copied to code-cache/ under the name `rename` gives it. */
function ship(made, pattern, rename) {
  const found = made.filter((f) => pattern.test(f))
  if (found.length !== 1) throw new Error(`expected one file like ${pattern}, found: ${found.join(', ') || 'none'}`)
  const shipped = join(dir, 'code-cache', rename(found[0]))
  copyFileSync(join(caches, found[0]), shipped)
  chmodSync(shipped, 0o644)
  console.log(shipped)
}

try {
  mkdirSync(join(dir, 'code-cache'), {recursive: true})
  chmodSync(join(dir, 'code-cache'), 0o755)
  const report = run(['report', '--json'])
  ship(report, /^code-[0-9a-f]+-program\.report-.*\.bin$/, (f) => f.replace('-program.report-', '-program.any-'))
  // The overview, drawn with Ink into a pipe: its run kind is `none` (not `none-tty`), which only names the
  // file; the loader reads a shipped cache for every kind of run.
  const screen = run([], {GUESTVIEW_DRAW_INK: '1', NO_COLOR: '', FORCE_COLOR: '3', TERM: 'xterm-256color'})
  ship(screen, /^code-[0-9a-f]+-chunk-ink\.none-.*\.bin$/, (f) => f.replace('-chunk-ink.none-', '-chunk-ink.any-'))
  ship(screen, /^code-[0-9a-f]+-chunk-ink\.js$/, (f) => f)
} finally {
  rmSync(home, {recursive: true, force: true})
}
