// The interactive render through a real pseudo-terminal: util-linux `script` gives the CLI a TTY of a
// fixed size (stty inside the pty), so the CLI takes the Ink path. ANSI colour codes in the output prove
// it went through Ink; the content (the 1.5-core quota of the fixture) must be there, within the width;
// NO_COLOR=1 and --no-color on the same TTY give the plain text. Every run is bounded by a timeout and
// killed by PID.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {commandExists, killLiveChildren, run, waitNoChildren, type Ran} from '../helpers/cgroups.js'
import {BIN, REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'
import {ANSI, PLAIN, rootOf, stripAnsi} from './lib.js'

const ROOT = rootOf(PLAIN)
const DIST = join(REPO, 'dist', 'guestview.mjs')
const reason = !existsSync(DIST)
  ? `the built CLI is missing (${DIST}): run \`npm run build\` first`
  : !commandExists('script') || !commandExists('stty')
    ? 'util-linux `script` (or `stty`) is not installed: no pseudo-terminal to render into'
    : null

test.after(async () => {
  killLiveChildren()
  await waitNoChildren()
})

const q = (s: string) => {
  if (s.includes("'")) throw new Error(`cannot quote ${s}`)
  return `'${s}'`
}

/** Run the CLI on a pseudo-terminal of `cols` columns; returns the raw bytes the terminal received. */
function onPty(cols: number, args: string[], extraEnv: Record<string, string> = {}): Promise<Ran> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TERM: 'xterm-256color',
    OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
    ...extraEnv,
  }
  // The test runner sets NO_COLOR and FORCE_COLOR=0 for its own output; a user's terminal has neither.
  if (!('NO_COLOR' in extraEnv)) delete env.NO_COLOR
  delete env.FORCE_COLOR
  // CI runs with CI=true, and supports-color (under Ink's chalk) then turns colour off even on a terminal.
  for (const v of [
    'CI',
    'CONTINUOUS_INTEGRATION',
    'BUILD_NUMBER',
    'RUN_ID',
    'TF_BUILD',
    'TEAMCITY_VERSION',
    'GITHUB_ACTIONS',
  ])
    delete env[v]
  const command = `stty cols ${cols} rows 60 && exec ${[process.execPath, BIN, ...args].map(q).join(' ')}`
  return run(['script', '-qec', command, '/dev/null'], {env, timeoutMs: 15_000, cwd: REPO})
}

/** What a terminal shows: no colour codes, no carriage returns. */
const screen = (raw: string) => stripAnsi(raw).replace(/\r/g, '')

function ok(r: Ran, what: string): void {
  assert.is(r.timedOut, false, `${what}: timed out`)
  assert.is(r.code, 0, `${what}: exit ${r.code}; output: ${r.stdout.slice(0, 500)} ${r.stderr}`)
}

function ptyTest(name: string, fn: () => Promise<void>): void {
  if (reason) skip(test, name, reason)
  else test(name, fn)
}

ptyTest(
  'pty: `guestview` alone renders the overview with Ink (colour codes), with the 1.5-core quota, within 100 columns',
  async () => {
    const r = await onPty(100, ['--root', ROOT])
    ok(r, 'guestview --root')
    assert.match(r.stdout, ANSI, 'no ANSI colour codes: the output did not go through Ink')
    assert.match(r.stdout, /\u001b\[1m1\.5 cores\u001b\[22m/, 'the core count in bold')
    const s = screen(r.stdout)
    assert.ok(s.includes('guestview: what this container owns'), s)
    assert.match(s, /CPU\s+1\.5 cores\s+\(min of quota 1\.5 cores, cpuset of 4, 8 online CPUs\)/)
    assert.match(s, /memory limit\s+1 GiB/)
    assert.match(s, /free\s+meminfo, swaps host-wide; run guestview owns/)
    const lines = s.split('\n')
    for (const l of lines) assert.ok(l.length <= 100, `${l.length} > 100: ${l}`)
    assert.is(lines[0]!.length, 100, 'the title box spans the terminal')
  },
)

ptyTest('pty: a wider terminal is used (the title box follows the width)', async () => {
  const [narrow, wide] = await Promise.all([onPty(80, ['--root', ROOT]), onPty(140, ['--root', ROOT])])
  ok(narrow, 'at 80')
  ok(wide, 'at 140')
  assert.is(screen(narrow.stdout).split('\n')[0]!.length, 80)
  assert.is(screen(wide.stdout).split('\n')[0]!.length, 140)
  assert.ok(screen(wide.stdout).split('\n').length < screen(narrow.stdout).split('\n').length, 'wider: fewer lines')
})

ptyTest('pty: explain free renders with Ink, the host total beside the limit', async () => {
  const r = await onPty(100, ['explain', 'free', '--root', ROOT])
  ok(r, 'explain free')
  assert.match(r.stdout, ANSI)
  const s = screen(r.stdout)
  assert.ok(s.includes("the host's MemTotal (64 GiB), not your limit"), s)
  assert.ok(s.includes('held to 1 GiB'), s)
  assert.ok(s.includes('HOST-WIDE'), s)
})

ptyTest('pty: NO_COLOR=1 and --no-color give the plain text on a terminal too', async () => {
  const [noColorEnv, noColorFlag] = await Promise.all([
    onPty(100, ['--root', ROOT], {NO_COLOR: '1'}),
    onPty(100, ['explain', 'free', '--no-color', '--root', ROOT]),
  ])
  for (const [r, what] of [
    [noColorEnv, 'NO_COLOR=1'],
    [noColorFlag, '--no-color'],
  ] as const) {
    ok(r, what)
    assert.not.match(r.stdout, ANSI, `${what}: ANSI codes on the terminal`)
    const lines = r.stdout.replace(/\r/g, '').split('\n')
    assert.match(
      lines[1] ?? '',
      /^(=+|\(cgroup v2, private cgroupns\))$/,
      `${what}: not the plain layout: ${lines.slice(0, 3).join(' | ')}`,
    )
    for (const l of lines) assert.ok(l.length <= 100, `${what}: ${l.length} > 100: ${l}`)
  }
  assert.match(noColorEnv.stdout, /CPU\s+1\.5 cores/)
  assert.match(noColorFlag.stdout, /the host's MemTotal \(64 GiB\)/)
})

test.run()
