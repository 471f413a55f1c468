// serve's restart and the code cache (scripts/loader.mjs, src/serve/start-settings.ts): the stage before the
// restart and the restarted process run under different V8 flags, and V8 refuses a cache made under others. So
// each stage has a cache of its own, and the first stage writes its own before process.execve (no 'exit'
// listener runs across it): a second start of serve compiles from a code cache in both stages. Told by
// GUESTVIEW_TRACE_START's marks, which the first stage prints before its execve.
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {officialNode} from '../helpers/node-versions.js'
import {BIN, FIXTURES} from '../helpers/paths.js'
import {exited, startServe, stop, traceStages} from '../helpers/serve.js'
import {skip} from '../helpers/skip.js'

const ROOT = join(FIXTURES, 'docker-v2-private', 'root')

/** serve started, listening, answering, then stopped with SIGTERM (which writes the restarted process's caches): its stderr. */
async function serveOnce(node: string, cache: string): Promise<string> {
  const env = ['env', `XDG_CACHE_HOME=${cache}`, 'GUESTVIEW_TRACE_START=1', 'GUESTVIEW_SERVE_RESTART=1']
  const s = await startServe([], [...env, node, BIN, 'serve', '--root', ROOT, '--listen', '127.0.0.1:0'])
  try {
    // It answers before it is stopped (its SIGTERM handler is in before the line that says it listens).
    assert.is((await fetch(`${s.url}/healthz`)).status, 200)
    process.kill(s.child.pid!, 'SIGTERM')
    const done = await exited(s.child, 5000)
    assert.is(done.code, 0, s.child.output())
    return s.child.output()
  } finally {
    stop(s)
  }
}

for (const major of [22, 24]) {
  const b = officialNode(major)
  const name = `Node ${major}: a second serve compiles from a code cache before its restart and after it`
  if (!b.ok) {
    skip(test, name, b.reason)
    continue
  }
  test(name, async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gv-restart-cache-'))
    try {
      const first = traceStages(await serveOnce(b.node, cache))
      assert.is(first.length, 2, `two stages, the first ending in execve: ${first.flat().join('\n')}`)
      assert.ok(first[0]!.at(-1)!.endsWith(': execve'), first[0]!.join('\n'))
      const [before, after] = traceStages(await serveOnce(b.node, cache))
      const compiled = (marks: string[] | undefined, section: string) =>
        marks?.find((l) => l.includes(`: ${section} compiled`)) ?? `no mark for ${section}`
      assert.match(compiled(before, 'program'), /\(from its code cache\)$/, 'before the restart')
      assert.match(compiled(after, 'program'), /\(from its code cache\)$/, 'after the restart')
      assert.match(compiled(after, 'chunk-metrics'), /\(from its code cache\)$/, 'after the restart')
      // One cache per stage: the restarted process's is named for its options.
      const programs = readdirSync(join(cache, 'guestview')).filter((f) => f.includes('-program.serve'))
      assert.is(programs.length, 2, programs.join(', '))
    } finally {
      rmSync(cache, {recursive: true, force: true})
    }
  })
}

test.run()
