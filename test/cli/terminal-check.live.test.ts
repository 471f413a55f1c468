// "Is this descriptor a terminal?", asked without loading node:tty. dist/guestview.mjs asks it once, in its
// loader (scripts/loader.mjs: the code cache of a terminal run is another file), and the program's stdio
// (src/cli/stdio.ts: light stand-ins where it is not) takes the loader's answer; bin/dev.js has no loader,
// and stdio asks with its own copy of the test. Both must answer alike, for stdout and stderr, on a pty, a
// pipe, /dev/null (a character device of major 1) and a file; and the built CLI looks at stdout once.
import {spawnSync} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {commandExists} from '../helpers/cgroups.js'
import {built, run} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const PTY = join(REPO, 'test', 'helpers', 'pty.py')
const KINDS = ['a pty', 'a pipe', '/dev/null', 'a file'] as const
type Kind = (typeof KINDS)[number]

if (!built()) skip(test, 'terminal check', 'dist/ is not built (npm test builds first)')
else if (!commandExists('python3')) skip(test, 'terminal check', 'python3 is not installed: no pseudo-terminal harness')
else {
  const dir = mkdtempSync(join(tmpdir(), 'gv-terminal-check-'))
  test.after(() => rmSync(dir, {recursive: true, force: true}))

  // The built CLI, preloaded: at exit, the answers the program took from the loader (the global it reads) for
  // fds 1 and 2, and how many times fd 1 was fstat'ed (the loader's fs functions are node:fs's, patched here).
  const preload = join(dir, 'preload.cjs')
  writeFileSync(
    preload,
    [
      "const fs = require('node:fs')",
      'const original = fs.fstatSync',
      'let fd1 = 0',
      'fs.fstatSync = (fd, ...rest) => { if (fd === 1) fd1++; return original(fd, ...rest) }',
      "process.on('exit', () => { const ask = globalThis[Symbol.for('guestview.mayBeTerminal')]",
      '  fs.writeFileSync(process.env.GV_REPORT, JSON.stringify({answers: ask ? [ask(1), ask(2)] : null, fd1}))',
      '})',
    ].join('\n'),
  )
  const builtArgv = ['--require', preload, join(REPO, 'dist', 'guestview.mjs'), '--version']
  // bin/dev.js's way: src/cli/stdio.ts under tsx, no loader before it.
  const stdio = pathToFileURL(join(REPO, 'src', 'cli', 'stdio.ts')).href
  const devArgv = [
    '--import',
    'tsx',
    '--no-warnings',
    '--input-type=module',
    '-e',
    `const {mayBeTerminal} = await import(${JSON.stringify(stdio)})
     const {writeFileSync} = await import('node:fs')
     writeFileSync(process.env.GV_REPORT, JSON.stringify({answers: [mayBeTerminal(1), mayBeTerminal(2)]}))`,
  ]

  let runs = 0
  /** Run node with `argv`, stdout and stderr both `kind`; what it wrote to its report. */
  function onKind(kind: Kind, argv: string[]): {answers: [boolean, boolean] | null; fd1?: number} {
    const report = join(dir, `report-${runs++}.json`)
    const env = {GV_REPORT: report}
    if (kind === 'a pty') {
      const spec = {argv: [process.execPath, ...argv], timeoutS: 30, env}
      const r = run('python3', [PTY, JSON.stringify(spec)], {timeoutMs: 45_000})
      assert.is(r.status, 0, `pty harness: ${r.stderr}`)
    } else {
      const target = kind === '/dev/null' ? '/dev/null' : kind === 'a file' ? join(dir, `out-${runs}.txt`) : null
      const fd = target === null ? null : openSync(target, 'w')
      try {
        const out = fd ?? 'pipe'
        const r = spawnSync(process.execPath, argv, {
          cwd: REPO,
          env: {...process.env, ...env},
          stdio: ['ignore', out, out],
          encoding: 'utf8',
          timeout: 30_000,
          killSignal: 'SIGKILL',
        })
        assert.is(r.status, 0, `${kind}: ${r.stderr ?? ''}`)
      } finally {
        if (fd !== null) closeSync(fd)
      }
    }
    return JSON.parse(readFileSync(report, 'utf8')) as {answers: [boolean, boolean] | null; fd1?: number}
  }

  for (const kind of KINDS) {
    test(`stdout and stderr on ${kind}: the loader's answer and stdio's own (bin/dev.js) agree`, () => {
      const fromLoader = onKind(kind, builtArgv)
      const own = onKind(kind, devArgv)
      const want = kind === 'a pty'
      assert.equal(fromLoader.answers, [want, want], "the built CLI's (the loader's) answer")
      assert.equal(own.answers, [want, want], "stdio's own answer (bin/dev.js)")
      assert.is(fromLoader.fd1, 1, 'the built CLI fstat()s stdout once: the program takes the loader’s answer')
    })
  }
}

test.run()
