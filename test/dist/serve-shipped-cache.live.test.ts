// The image's serve (scripts/ship-code-cache.mjs, scripts/loader.mjs): where the user has no cache of their own
// (the image's read-only root, uid 65534), serve reads the cache shipped beside the file before its restart
// (after it, under the V8 options it restarted with, V8 refuses that cache, and none is shipped for them: see
// the loader's shippedName), and nothing is written, there or in the temporary directory. A run with options of
// its own reads the shipped cache made without them.
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, run} from '../helpers/live.js'
import {officialNode} from '../helpers/node-versions.js'
import {FIXTURES, REPO} from '../helpers/paths.js'
import {exited, startServe, stop, traceStages} from '../helpers/serve.js'
import {skip} from '../helpers/skip.js'

const BUNDLE = join(REPO, 'dist', 'guestview.mjs')
const ROOT = join(FIXTURES, 'docker-v2-private', 'root')

for (const major of [22, 24]) {
  const b = officialNode(major)
  const name = `Node ${major}: the image's serve compiles from the shipped code cache before its restart, and writes none`
  if (!b.ok || !built()) {
    skip(test, name, b.ok ? 'dist/guestview.mjs is not built: run `npm run build`' : b.reason)
    continue
  }
  test(name, async () => {
    const work = mkdtempSync(join(tmpdir(), 'gv-serve-shipped-'))
    try {
      const app = join(work, 'app')
      mkdirSync(app)
      copyFileSync(BUNDLE, join(app, 'guestview.mjs'))
      const made = run(b.node, [join(REPO, 'scripts', 'ship-code-cache.mjs'), app], {timeoutMs: 120_000})
      assert.is(made.status, 0, made.stderr)
      const shipped = readdirSync(join(app, 'code-cache')).sort()
      // No cache of the user's: a relative XDG_CACHE_HOME is refused, as a read-only HOME would be.
      const tmp = mkdtempSync(join(work, 'tmp-'))
      const env = ['env', 'XDG_CACHE_HOME=relative', `TMPDIR=${tmp}`, 'GUESTVIEW_TRACE_START=1']
      const s = await startServe([], [...env, b.node, join(app, 'guestview.mjs'), 'serve', '--root', ROOT, '--listen', '127.0.0.1:0'])
      try {
        // It answers before it is stopped (its SIGTERM handler is in before the line that says it listens).
        assert.is((await fetch(`${s.url}/healthz`)).status, 200)
        process.kill(s.child.pid!, 'SIGTERM')
        assert.is((await exited(s.child, 5000)).code, 0, s.child.output())
      } finally {
        stop(s)
      }
      const [before, after] = traceStages(s.child.output())
      const compiled = (marks: string[] | undefined, section: string) =>
        marks?.find((l) => l.includes(`: ${section} compiled`)) ?? `no mark for ${section}: ${s.child.output()}`
      assert.match(compiled(before, 'program'), /\(from its code cache\)$/, 'before the restart')
      assert.ok(after?.some((l) => l.endsWith(': exit')), `the restarted process ran to its exit: ${s.child.output()}`)
      // A run with options of its own has no cache named for them: it reads its kind's without options, which
      // V8 takes where they leave its flag hash as it is (--max-old-space-size under Node 24; Node 22 hashes it).
      if (major >= 24) {
        const withOptions = run(b.node, [join(app, 'guestview.mjs'), 'owns', '--json', '--root', ROOT], {
          env: {XDG_CACHE_HOME: 'relative', TMPDIR: tmp, GUESTVIEW_TRACE_START: '1', NODE_OPTIONS: '--max-old-space-size=512'},
        })
        assert.is(withOptions.status, 0, withOptions.stderr)
        assert.match(withOptions.stderr, /program compiled \(from its code cache\)/, withOptions.stderr)
      }
      assert.equal(readdirSync(join(app, 'code-cache')).sort(), shipped, 'the shipped cache was written to')
      assert.equal(readdirSync(tmp), [], 'a cache was made in the temporary directory beside a shipped one')
    } finally {
      rmSync(work, {recursive: true, force: true})
    }
  })
}

test.run()
