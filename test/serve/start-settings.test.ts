// How serve starts itself again with the V8 options that bound a daemon's memory (src/serve/start-settings.ts):
// which options under which Node, once only, the user's own options and opt-out kept, argv kept word for word.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {canStart, restartPlan, startNodeOptions, type Started} from '../../src/serve/start-settings.js'

const started = (over: Partial<Started> = {}): Started => ({
  execPath: '/usr/bin/node',
  execArgv: [],
  argv: ['/usr/bin/node', '/app/guestview.mjs', 'serve', '--listen', '0.0.0.0:9323', '--root', '/host root'],
  env: {},
  canExec: true,
  nodeMajor: 24,
  ...over,
})

test('no concurrent recompilation, a capped young generation, sized for memory, no TurboFan (Node 24: Maglev; Node 22: baseline)', () => {
  const both = ['--no-concurrent-recompilation', '--max-semi-space-size=2', '--optimize-for-size']
  assert.equal(startNodeOptions(24), [...both, '--max-opt=2'])
  assert.equal(startNodeOptions(22), [...both, '--max-opt=1'])
})

test('the options go before the script; every argument after it is kept word for word', () => {
  const plan = restartPlan(started({execArgv: ['--import', 'tsx']}))
  assert.equal(plan, {
    file: '/usr/bin/node',
    args: [
      '/usr/bin/node',
      '--import',
      'tsx',
      '--no-concurrent-recompilation',
      '--max-semi-space-size=2',
      '--optimize-for-size',
      '--max-opt=2',
      '/app/guestview.mjs',
      'serve',
      '--listen',
      '0.0.0.0:9323',
      '--root',
      '/host root',
    ],
  })
})

test('once: the restarted process has every option, so it plans nothing', () => {
  const first = restartPlan(started())!
  const script = first.args.indexOf('/app/guestview.mjs')
  const again = started({execArgv: first.args.slice(1, script), argv: [first.file, ...first.args.slice(script)]})
  assert.is(restartPlan(again), null)
})

test("the user's own options are kept: by name, on the command line, in NODE_OPTIONS, with V8's underscores", () => {
  const plan = restartPlan(started({execArgv: ['--max-semi-space-size=16'], env: {NODE_OPTIONS: '--max_opt=3'}}))!
  assert.equal(plan.args.slice(1, 3), ['--max-semi-space-size=16', '--no-concurrent-recompilation'])
  assert.not.ok(plan.args.some((a) => a.startsWith('--max-opt') || a === '--max-semi-space-size=2'))
  const positive = restartPlan(started({execArgv: ['--concurrent-recompilation']}))!
  assert.not.ok(positive.args.includes('--no-concurrent-recompilation'), 'the user asked for it on')
})

test('no restart without process.execve (Node 20), with GUESTVIEW_SERVE_RESTART=0, or with no script', () => {
  assert.is(restartPlan(started({canExec: false})), null)
  assert.is(restartPlan(started({env: {GUESTVIEW_SERVE_RESTART: '0'}})), null)
  assert.ok(restartPlan(started({env: {GUESTVIEW_SERVE_RESTART: '1'}})))
  assert.is(restartPlan(started({argv: ['/usr/bin/node']})), null)
})

test('a Node that cannot be started is found out before execve, which would abort the process', async () => {
  assert.ok(await canStart(process.execPath))
  assert.not.ok(await canStart('/nonexistent/node'))
  assert.not.ok(await canStart('/etc/hostname'))
})

test('a file that execve refuses but execvp runs with /bin/sh, or a script that fails, is not a Node', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gv-can-start-'))
  try {
    const notAProgram = join(dir, 'not-a-program')
    writeFileSync(notAProgram, 'neither ELF nor #!\n', {mode: 0o755})
    assert.not.ok(await canStart(notAProgram), 'ENOEXEC: spawn ran it with /bin/sh, which then failed')
    const fails = join(dir, 'fails')
    writeFileSync(fails, '#!/bin/sh\nexit 3\n', {mode: 0o755})
    assert.not.ok(await canStart(fails))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test.run()
