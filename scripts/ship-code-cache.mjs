// node scripts/ship-code-cache.mjs DIR: beside DIR/guestview.mjs, a code cache for every kind of run, made by
// this Node (the one that will run it): the program's from a `report --json` run, which compiles most of the
// program; the Ink chunk's from the overview drawn with Ink (GUESTVIEW_DRAW_INK=1: a build has no terminal),
// with the chunk's code unpacked, so that a terminal run in the image neither unpacks nor compiles Ink; and
// the caches of `serve` once it has started itself again with its V8 options (src/serve/start-settings.ts),
// which refuses a cache made without them: the program's and the metrics chunk's, named for those options.
// scripts/loader.mjs reads DIR/code-cache where the user has no cache of their own (the image's read-only
// root, uid 65534) and never writes it. Dockerfile.guest runs this in its build stage, with the runtime's Node.
import {spawn, spawnSync} from 'node:child_process'
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

/**
 * serve, started, asked for /healthz once it listens (so that its SIGTERM handler is in: it is installed just
 * after the line that says it listens), then stopped with SIGTERM, at which its restarted process writes its
 * caches: the cache files it wrote.
 */
async function serveOnce() {
  const before = new Set(readdirSafe(caches))
  const child = spawn(process.execPath, [join(dir, 'guestview.mjs'), 'serve', '--listen', '127.0.0.1:0'], {
    env: {...process.env, XDG_CACHE_HOME: home, GUESTVIEW_CODE_CACHE: '1', GUESTVIEW_SERVE_RESTART: '1'},
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let out = ''
  const port = await new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      out += String(d)
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) resolve(m[1])
    })
    void exited.then(() => resolve(undefined))
  })
  if (port) {
    await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.text())
    child.kill('SIGTERM')
  }
  const code = await exited
  clearTimeout(timer)
  if (code !== 0 || !port) throw new Error(`guestview serve exited ${code}: ${out}`)
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
  // serve's restarted process: its run kind ends in `-o` and a hash of its options (the stage before the
  // restart, without them, reads the program's above). Where this Node has no process.execve (Node 20), serve
  // runs as started: nothing to ship.
  if ('execve' in process) {
    const serve = await serveOnce()
    // Where serve could not start itself again (a build sandbox that denies execve), it ran as started.
    if (!serve.some((f) => /\.serve-o[0-9a-f]{8}-/.test(f))) console.error('serve did not restart: no cache for it')
    else
      for (const section of ['program', 'chunk-metrics'])
        ship(serve, new RegExp(`^code-[0-9a-f]+-${section}\\.serve-o[0-9a-f]{8}-.*\\.bin$`), (f) =>
          f.replace(`-${section}.serve-o`, `-${section}.any-o`),
        )
  }
} finally {
  rmSync(home, {recursive: true, force: true})
}
