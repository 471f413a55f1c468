#!/usr/bin/env node
// Does a V8 startup snapshot pay? (issue 10: "if a V8 startup snapshot (`node --build-snapshot`) helps,
// measure it".) Its lower bound is an EMPTY snapshot: whatever guestview put in it, a run would first
// deserialize at least this much. This builds one in a temp directory with the given Node (a one-line entry
// that only sets the function to run), then times, interleaved round-robin so machine noise hits all alike:
//   node -e 0                     the floor for any Node program
//   node --snapshot-blob BLOB     start from the empty custom snapshot
//   node empty.cjs / empty.mjs    an empty script as CommonJS and as an ES module (what the `.mjs` name of
//                                 dist/guestview.mjs costs before any of its code runs: the ESM loader)
// and prints medians, ratios to `node -e 0`, CPU time (user + system) and the blob's size.
//
// Usage: node bench/snapshot.mjs [--runs 30] [--node PATH]
// https://nodejs.org/api/cli.html#--build-snapshot-entry (Node 18.20+, 20+); quote ratios, not milliseconds.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {interleaved} from './lib/interleave.mjs'

const {values: opt} = parseArgs({
  options: {runs: {type: 'string', default: '30'}, node: {type: 'string', default: process.execPath}},
})
const RUNS = Number(opt.runs)
const NODE = opt.node
const dir = mkdtempSync(join(tmpdir(), 'guestview-snapshot-'))
try {
  const entry = join(dir, 'entry.cjs')
  const blob = join(dir, 'snap.blob')
  writeFileSync(entry, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {})\n")
  writeFileSync(join(dir, 'empty.cjs'), '')
  writeFileSync(join(dir, 'empty.mjs'), '')
  const built = spawnSync(NODE, ['--snapshot-blob', blob, '--build-snapshot', entry], {cwd: dir, encoding: 'utf8'})
  if (built.status !== 0) throw new Error(`--build-snapshot failed: ${built.stderr.trim()}`)
  const version = spawnSync(NODE, ['--version'], {encoding: 'utf8'}).stdout.trim()

  const rows = [
    {name: '`node -e 0`', argv: ['-e', '0']},
    {name: 'empty custom snapshot (`--snapshot-blob`)', argv: ['--snapshot-blob', blob]},
    {name: 'empty `.cjs` script', argv: [join(dir, 'empty.cjs')]},
    {name: 'empty `.mjs` script', argv: [join(dir, 'empty.mjs')]},
  ]
  const load0 = loadavg()[0]
  const {medians, cpu} = interleaved(
    rows.map((r) => ({...r, argv: [NODE, ...r.argv], cwd: dir})),
    RUNS,
    (message) => {
      throw new Error(message)
    },
  )
  console.log(
    `Node ${version}, ${RUNS} interleaved runs each, load average ${load0.toFixed(1)} at the start and ` +
      `${loadavg()[0].toFixed(1)} at the end; empty snapshot blob ${(statSync(blob).size / 1e6).toFixed(1)} MB.\n`,
  )
  console.log('| start | median ms | × `node -e 0` | CPU ms (mean) | CPU × |\n|---|---:|---:|---:|---:|')
  rows.forEach((r, k) =>
    console.log(
      `| ${r.name} | ${medians[k].toFixed(0)} | ${(medians[k] / medians[0]).toFixed(2)} | ` +
        `${cpu[k].toFixed(0)} | ${(cpu[k] / cpu[0]).toFixed(2)} |`,
    ),
  )
} finally {
  rmSync(dir, {recursive: true, force: true})
}
