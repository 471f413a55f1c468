// Runs of the single file with a preload script (`node --require`) that looks inside the run and writes what it
// found, at exit, to the file GV_REPORT names (test/dist/builtins: the modules Node loaded; test/dist/self-read:
// the loader's opens of the file). Each run gets a report file of its own.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as assert from 'uvu/assert'
import {run} from './live.js'
import {REPO} from './paths.js'

export type PreloadRuns = {
  /** A scratch directory of its own, removed with the rest. */
  dir: string
  /** The report of one run of dist/guestview.mjs with these arguments, which must exit 0. */
  report: (args: string[], env?: Record<string, string>) => string
  remove: () => void
}

export function preloadRuns(name: string, preloadSource: string): PreloadRuns {
  const dir = mkdtempSync(join(tmpdir(), `gv-${name}-`))
  const preload = join(dir, 'preload.cjs')
  writeFileSync(preload, preloadSource)
  let runs = 0
  return {
    dir,
    report(args, env = {}) {
      const out = join(dir, `report-${runs++}.txt`)
      const r = run(process.execPath, ['--require', preload, join(REPO, 'dist', 'guestview.mjs'), ...args], {
        env: {GV_REPORT: out, ...env},
      })
      assert.is(r.status, 0, r.stderr)
      return readFileSync(out, 'utf8')
    },
    remove: () => rmSync(dir, {recursive: true, force: true}),
  }
}

/**
 * A preload script that counts a run's calls of one node:fs function on the paths `matches` (a JavaScript
 * expression of `path`, a string) accepts, and reports the count (test/dist/self-read: the loader's opens of the
 * file; test/dist/config-once: oclif's lookups of its theme file).
 */
export function fsCallCounter(fsFunction: string, matches: string): string {
  return [
    "const fs = require('node:fs')",
    `const original = fs.${fsFunction}`,
    'let calls = 0',
    `fs.${fsFunction} = (pathArg, ...rest) => { const path = String(pathArg); if (${matches}) calls++; return original(pathArg, ...rest) }`,
    "process.on('exit', () => fs.writeFileSync(process.env.GV_REPORT, String(calls)))",
  ].join('\n')
}
