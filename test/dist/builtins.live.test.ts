// Which of Node's built-in modules a run of the single file loads: each one a run loads is compiled (or
// deserialized) as it starts, so the build keeps those a run never calls out of the way (scripts/build.mjs
// LAZY_BUILTINS, scripts/dependency-edits.mjs). A one-shot `metrics` printed to a pipe uses no compression,
// no performance hooks and no heap statistics: prom-client's zlib (its Pushgateway's gzip), perf_hooks (its GC
// metric) and v8 (its heap-space metric) load on first use, and its chunk is stored so that unpacking it needs
// no node:zlib (which loads Node's streams). Node lists what it loaded in process.moduleLoadList; a preload
// script writes that list at exit.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built} from '../helpers/live.js'
import {preloadRuns} from '../helpers/preload-report.js'
import {skip} from '../helpers/skip.js'

const NAME = 'built-in modules a run of the single file loads'

if (!built()) skip(test, NAME, 'dist/guestview.mjs is not built: run `npm run build`')
else {
  const runs = preloadRuns(
    'builtins',
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.GV_REPORT, process.moduleLoadList.join('\\n')))\n",
  )
  test.after(runs.remove)

  /** The built-in modules (`NativeModule x`) loaded by a run of the single file with these arguments. */
  function loaded(args: string[], env: Record<string, string> = {}): Set<string> {
    return new Set(
      runs
        .report(args, {XDG_CACHE_HOME: runs.dir, ...env})
        .split('\n')
        .filter((l) => l.startsWith('NativeModule '))
        .map((l) => l.slice('NativeModule '.length)),
    )
  }

  test(`${NAME}: metrics to a pipe loads no zlib, perf_hooks, v8 or streams`, () => {
    const modules = loaded(['metrics'])
    for (const id of ['zlib', 'perf_hooks', 'v8', 'stream', 'internal/streams/readable'])
      assert.not.ok(modules.has(id), `metrics loaded ${id}`)
  })

  // oclif requires node:fs/promises as it loads and calls it only for files a run of the single file never
  // reads (package.json, a manifest, a theme file that exists): under Node 24, loading it compiled ten modules.
  test(`${NAME}: owns --json loads no node:module, net or fs/promises`, () => {
    const modules = loaded(['owns', '--json'])
    for (const id of ['module', 'net', 'tty', 'zlib', 'crypto', 'fs/promises'])
      assert.not.ok(modules.has(id), `owns --json loaded ${id}`)
  })

  // The trace must not change what it measures: `performance.now()` (a getter that loads perf_hooks and nine
  // more modules, ~3.5 M instructions under Node 20) was counted as the loader's own phase.
  test(`${NAME}: GUESTVIEW_TRACE_START=1 loads nothing a run without it does not`, () => {
    loaded(['owns', '--json']) // the code cache, so that both runs below are warm
    const plain = loaded(['owns', '--json'])
    const traced = loaded(['owns', '--json'], {GUESTVIEW_TRACE_START: '1'})
    assert.equal([...traced].filter((id) => !plain.has(id)), [])
  })
}

test.run()
