// src/cli/stdio.ts: where stdout and stderr are not terminals they are light stand-ins, and a JSON or text
// run never builds Node's streams (net, tty and the stream modules stay unloaded), yet prints the same bytes
// as with the real streams (GUESTVIEW_LIGHT_STDIO=0), on a pipe and into a file, and errors still go to
// stderr with their exit code. EPIPE (a reader that goes away) is test/security/cli.live.test.ts's.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built} from '../helpers/live.js'
import {checkJson} from '../helpers/schema.js'
import {BIN, REPO} from '../helpers/paths.js'
import {fixtureRoot} from '../helpers/report.js'
import {skip} from '../helpers/skip.js'

const ROOT = fixtureRoot('docker-v2-private')
const env = {...process.env, NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}

if (!built()) skip(test, 'light stdio', 'dist/ is not built (npm test builds first)')
else {
  const dir = mkdtempSync(join(tmpdir(), 'guestview-stdio-'))
  test.after(() => rmSync(dir, {recursive: true, force: true}))
  // Loaded with -r: writes the built-in modules the run loaded, at exit.
  const dump = join(dir, 'modules.cjs')
  writeFileSync(
    dump,
    "process.on('exit', () => require('fs').writeFileSync(process.env.GV_MODULES_OUT, process.moduleLoadList.join('\\n')))",
  )

  /** Run the CLI with stdout a pipe (or a file), stderr a pipe. */
  function gv(args: string[], extra: Record<string, string> = {}, stdoutFile?: string) {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe'
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: REPO,
        env: {...env, ...extra},
        stdio: ['ignore', out, 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
        killSignal: 'SIGKILL',
      })
      return {status: r.status, stdout: stdoutFile ? readFileSync(stdoutFile, 'utf8') : r.stdout, stderr: r.stderr}
    } finally {
      if (typeof out === 'number') closeSync(out)
    }
  }

  test('a JSON run on a pipe and into a file loads neither net, tty nor the streams', () => {
    for (const file of [undefined, join(dir, 'out.json')]) {
      const modules = join(dir, 'modules.txt')
      const args = ['owns', '--json', '--root', ROOT]
      const r = gv(args, {GV_MODULES_OUT: modules, NODE_OPTIONS: `-r ${dump}`}, file)
      assert.is(r.status, 0, r.stderr)
      assert.ok(checkJson<{cgroup: unknown}>(r.stdout, args, args.join(' ')).cgroup, 'owns --json printed a report')
      const loaded = readFileSync(modules, 'utf8').split('\n')
      for (const m of ['NativeModule net', 'NativeModule tty', 'NativeModule internal/streams/writable'])
        assert.not.ok(loaded.includes(m), `${m} loaded (stdout ${file ? 'a file' : 'a pipe'})`)
    }
  })

  test('the same bytes as with the real streams: text, JSON, an error, on a pipe and into a file', () => {
    const cases = [
      ['check', '--root', ROOT],
      ['explain', 'free', '--root', ROOT],
      ['views', '--json', '--root', ROOT],
      ['metrics', '--root', ROOT],
      ['owns', '--json', '--bogus'],
      ['owns', '--root', '/nonexistent-gv'],
    ]
    for (const args of cases)
      for (const file of [undefined, join(dir, 'out.txt')]) {
        const light = gv(args, {}, file)
        const real = gv(args, {GUESTVIEW_LIGHT_STDIO: '0'}, file)
        const what = `${args.join(' ')} (${file ? 'file' : 'pipe'})`
        assert.is(light.status, real.status, what)
        assert.is(light.stdout, real.stdout, what)
        assert.is(light.stderr, real.stderr, what)
      }
  })
}

test.run()
