// node scripts/ship-code-cache.mjs DIR: beside DIR/guestview.mjs, a code cache for every kind of run, made by
// this Node (the one that will run it) from a `report --json` run, which compiles most of the program.
// scripts/loader.mjs reads DIR/code-cache where the user has no cache of their own (the image's read-only
// root, uid 65534) and never writes it. Dockerfile.guest runs this in its build stage, with the runtime's Node.
import {spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const dir = process.argv[2]
if (!dir) throw new Error('usage: node scripts/ship-code-cache.mjs DIR (DIR holds guestview.mjs)')
const home = mkdtempSync(join(tmpdir(), 'guestview-ship-'))
try {
  const r = spawnSync(process.execPath, [join(dir, 'guestview.mjs'), 'report', '--json'], {
    env: {...process.env, XDG_CACHE_HOME: home, GUESTVIEW_CODE_CACHE: '1'},
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (r.status !== 0) throw new Error(`report --json exited ${r.status}`)
  const made = readdirSync(join(home, 'guestview')).filter((f) => /^code-[0-9a-f]+-program\.report-.*\.bin$/.test(f))
  if (made.length !== 1) throw new Error(`expected one program cache, found: ${made.join(', ') || 'none'}`)
  const out = join(dir, 'code-cache')
  mkdirSync(out, {recursive: true})
  const shipped = join(out, made[0].replace('-program.report-', '-program.any-'))
  copyFileSync(join(home, 'guestview', made[0]), shipped)
  chmodSync(out, 0o755)
  chmodSync(shipped, 0o644)
  console.log(`${shipped}`)
} finally {
  rmSync(home, {recursive: true, force: true})
}
