// Tool names as people type them, through the BUILT CLI (bin/run.js -> dist/); names.test.ts has the same
// without a build. `explain sar` gives both sar views, "sar -n DEV" one (as one argument or as separate words),
// the tool's own options and counts are accepted ("free -h", "vmstat 1 5"); `explain` alone lists the tools;
// an unknown tool exits 2 naming the known ones; `explain --all` walks the checklist in order. Piped output
// is plain text that fits 80 columns.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {TOOLS, toolNames} from '../../src/explain/registry.js'
import {killLiveChildren, run, waitNoChildren, type Ran} from '../helpers/cgroups.js'
import {BIN, REPO} from '../helpers/paths.js'
import {cliJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {ANSI, PLAIN, rootOf} from './lib.js'

const ROOT = rootOf(PLAIN)
const DIST = join(REPO, 'dist', 'guestview.mjs')
const distMissing = existsSync(DIST) ? null : `the built CLI is missing (${DIST}): run \`npm run build\` first`
const env = {...process.env, NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}
const cli = (...args: string[]): Promise<Ran> =>
  run([process.execPath, BIN, ...args], {timeoutMs: 15_000, env, cwd: REPO})

test.after(async () => {
  killLiveChildren()
  await waitNoChildren()
})

// --- the built CLI ----------------------------------------------------------------------------------

function cliTest(name: string, fn: () => Promise<void>): void {
  if (distMissing) skip(test, name, distMissing)
  else test(name, fn)
}

function toolsOf(r: Ran, what: string): string[] {
  assert.is(r.timedOut, false, `${what} timed out`)
  assert.is(r.code, 0, `${what} exited ${r.code}: ${r.stderr}`)
  return cliJson<{tools: {tool: string}[]}>(r, what).tools.map((t) => t.tool)
}

cliTest('CLI: explain sar gives both views; "sar -n DEV" one, as one argument and as separate words', async () => {
  const [both, one, words, tcp] = await Promise.all([
    cli('explain', 'sar', '--json', '--root', ROOT),
    cli('explain', 'sar -n DEV', '--json', '--root', ROOT),
    cli('explain', 'sar', '-n', 'DEV', '--json', '--root', ROOT),
    cli('explain', 'sar', '-n', 'TCP,ETCP', '1', '--root', ROOT, '--json'),
  ])
  assert.equal(toolsOf(both, 'explain sar'), ['sar -n DEV', 'sar -n TCP,ETCP'])
  assert.equal(toolsOf(one, 'explain "sar -n DEV"'), ['sar -n DEV'])
  assert.equal(toolsOf(words, 'explain sar -n DEV'), ['sar -n DEV'])
  assert.equal(toolsOf(tcp, 'explain sar -n TCP,ETCP 1'), ['sar -n TCP,ETCP'])
})

cliTest('CLI: free -h, vmstat 1 5 and mpstat -P ALL 1 resolve; the text names the tool', async () => {
  const [free, vmstat, mpstat, text] = await Promise.all([
    cli('explain', 'free', '-h', '--json', '--root', ROOT),
    cli('explain', 'vmstat', '1', '5', '--json', '--root', ROOT),
    cli('explain', 'mpstat', '-P', 'ALL', '1', '--json', '--root', ROOT),
    cli('explain', 'free -h', '--root', ROOT),
  ])
  assert.equal(toolsOf(free, 'explain free -h'), ['free'])
  assert.equal(toolsOf(vmstat, 'explain vmstat 1 5'), ['vmstat'])
  assert.equal(toolsOf(mpstat, 'explain mpstat -P ALL 1'), ['mpstat'])
  assert.is(text.code, 0, text.stderr)
  assert.match(text.stdout, /^free -m {2}\(step 7 of the 60-second checklist\)/)
  assert.match(text.stdout, /the host's MemTotal \(64 GiB\)/)
})

cliTest('CLI: explain alone lists every tool (exit 0); --json gives no tools', async () => {
  const [list, json] = await Promise.all([cli('explain', '--root', ROOT), cli('explain', '--json', '--root', ROOT)])
  assert.is(list.code, 0, list.stderr)
  for (const t of TOOLS) assert.ok(list.stdout.includes(t.title), `list lacks ${t.title}`)
  assert.match(list.stdout, /checklist step 1/)
  assert.equal(toolsOf(json, 'explain --json'), [])
})

cliTest('CLI: an unknown tool exits 2 with one line naming the known tools', async () => {
  const [bad, badJson, longFlag] = await Promise.all([
    cli('explain', 'bogus', '--root', ROOT),
    cli('explain', 'bogus', '--json', '--root', ROOT),
    cli('explain', 'free', '--jsno', '--root', ROOT),
  ])
  assert.is(bad.code, 2, `exit ${bad.code}; stderr: ${bad.stderr}`)
  assert.is(bad.stdout, '')
  assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr)
  assert.match(bad.stderr, /unknown tool "bogus"/)
  for (const n of toolNames()) assert.ok(bad.stderr.includes(n), `stderr lacks ${n}: ${bad.stderr}`)
  assert.is(badJson.code, 2, badJson.stderr)
  assert.match(badJson.stdout, /unknown tool \\?"bogus\\?"/)
  // A long option is not the tool's: a mistyped flag of guestview's still fails.
  assert.is(longFlag.code, 2, longFlag.stderr)
  assert.match(longFlag.stderr, /Nonexistent flag: --jsno/)
})

cliTest('CLI: --run refuses another sysroot (its output would not match the numbers shown)', async () => {
  const r = await cli('explain', 'free', '--run', '--root', ROOT)
  assert.is(r.code, 2, r.stderr)
  assert.match(r.stderr, /--run .* --root/)
})

cliTest('CLI: explain --all prints the checklist in order, then the others', async () => {
  const r = await cli('explain', '--all', '--root', ROOT)
  assert.is(r.code, 0, r.stderr)
  const titles = [...r.stdout.matchAll(/^(\S.*?)(?: {2}\(step (\d) of the 60-second checklist\))?\n=+$/gm)].map((m) => [
    m[1],
    m[2] ?? null,
  ])
  assert.equal(
    titles.map((t) => t[1]),
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', ...Array(TOOLS.length - 9).fill(null)],
  )
  assert.equal(
    titles.map((t) => t[0]),
    TOOLS.map((t) => t.title),
  )
})

cliTest(
  'CLI: explain --all --json returns every explanation with its tokens and live values, in checklist order',
  async () => {
    const r = await cli('explain', '--all', '--json', '--root', ROOT)
    assert.is(r.code, 0, r.stderr)
    assert.not.match(r.stdout, /NaN|undefined|Infinity/)
    const tools = cliJson<{
      tools: {
        tool: string
        checklist: number | null
        summary: {t: string}[]
        live: object
        reads: {scope: string}[]
      }[]
    }>(r, 'explain --all --json').tools
    assert.equal(
      tools.map((t) => t.tool),
      TOOLS.map((t) => t.tool),
    )
    assert.equal(
      tools.slice(0, 9).map((t) => t.checklist),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    )
    for (const t of tools) {
      assert.ok(
        t.summary.length > 0 && t.summary.every((k) => ['text', 'command', 'number', 'path', 'warning'].includes(k.t)),
        t.tool,
      )
      assert.type(t.live, 'object', t.tool)
      assert.ok(t.reads.length > 0, t.tool)
    }
    const free = tools.find((t) => t.tool === 'free') as unknown as {
      live: {memTotalBytes: number; limit: {value: number}}
    }
    assert.is(free.live.memTotalBytes, 64 * 1024 ** 3)
    assert.is(free.live.limit.value, 1024 ** 3)
  },
)

// --- piped output --------------------------------------------------------------------------------------

cliTest('CLI: piped output is plain text that fits 80 columns, even with FORCE_COLOR; --no-color too', async () => {
  const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '3', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}
  delete env.NO_COLOR
  const outs = await Promise.all([
    run([process.execPath, BIN, '--root', ROOT], {env, timeoutMs: 15_000}),
    run([process.execPath, BIN, 'explain', 'free', '--root', ROOT, '--no-color'], {env, timeoutMs: 15_000}),
    run([process.execPath, BIN, 'explain', '--all', '--root', ROOT], {env, timeoutMs: 15_000}),
  ])
  for (const o of outs) {
    assert.is(o.code, 0, o.stderr)
    assert.not.match(o.stdout, ANSI, 'ANSI code in piped output')
    assert.not.match(o.stdout, /\bundefined\b|\bNaN\b|\[object Object\]/)
    for (const line of o.stdout.split('\n')) assert.ok(line.length <= 80, `line over 80 columns: ${line}`)
  }
  assert.match(outs[0].stdout, /^guestview: what this container owns/)
  assert.match(outs[0].stdout, /CPU {21}1\.5 cores/)
})

test.run()
