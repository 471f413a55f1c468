// Ink's text caches, as the build edits them (scripts/dependency-edits.mjs): measure-text and wrap-text keep
// a bounded number of texts, not every text measured for as long as the process runs (`watch` redraws changing
// numbers every frame: ~100 MiB a day at the default interval, unedited), and the wrap cache keeps a text at
// one width apart from a longer text at another. Ink's two modules are loaded in a child Node with the test
// hook that makes the build's edits (test/dependency-edits-hook.mjs), and --expose-gc to weigh what they keep.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'

const INK = join(REPO, 'node_modules', 'ink', 'build')
const TEXTS = 4000

/** What the child reports: the heap kept after measuring and wrapping TEXTS distinct 4 KiB texts, and two wraps. */
function inChild(): {keptMiB: number; short: string; long: string} {
  const dir = mkdtempSync(join(tmpdir(), 'gv-ink-caches-'))
  try {
    const script = join(dir, 'child.mjs')
    writeFileSync(
      script,
      `const {default: measureText} = await import(${JSON.stringify(pathToFileURL(join(INK, 'measure-text.js')).href)})
const {default: wrapText} = await import(${JSON.stringify(pathToFileURL(join(INK, 'wrap-text.js')).href)})
// Two wraps whose text and width ran together into one key unedited ("ab" + "12", "ab1" + "2").
const short = wrapText('ab', 12, 'wrap')
const long = wrapText('ab1', 2, 'wrap')
measureText('warm'); wrapText('warm', 10, 'wrap')
globalThis.gc(); globalThis.gc()
const before = process.memoryUsage().heapUsed
const line = 'x'.repeat(63) + '\\n'
for (let i = 0; i < ${TEXTS}; i++) {
  const text = String(i).padStart(8, '0') + line.repeat(64)
  measureText(text)
  wrapText(text, 80, 'wrap')
}
globalThis.gc(); globalThis.gc()
process.stdout.write(JSON.stringify({keptMiB: (process.memoryUsage().heapUsed - before) / 2 ** 20, short, long}))
`,
    )
    const hook = pathToFileURL(join(REPO, 'test', 'dependency-edits-hook.mjs')).href
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', hook, script], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.is(r.status, 0, r.stderr)
    // eslint-disable-next-line no-restricted-syntax -- the test's own child's figures, not guestview's JSON
    return JSON.parse(r.stdout) as {keptMiB: number; short: string; long: string}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

const result = inChild()

test(`Ink's text caches keep at most 1,000 texts: ${TEXTS} distinct 4 KiB texts leave well under their ~31 MiB`, () => {
  // Unedited, both caches keep every text (measure-text's key, wrap-text's key and its wrapped copy): ~45 MiB.
  // Edited, at most 1,000 of each: ~12 MiB at most.
  assert.ok(result.keptMiB < 16, `${result.keptMiB.toFixed(1)} MiB kept`)
})

test("Ink's wrap cache keeps 'ab' at width 12 and 'ab1' at width 2 apart", () => {
  assert.is(result.short, 'ab')
  assert.is(result.long, 'ab\n1')
})

test.run()
