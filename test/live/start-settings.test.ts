// serve and watch share one plan to start themselves again with the V8 options that bound a long-running
// process's memory (src/live/start-settings.ts; test/serve/start-settings.test.ts pins serve's use of it):
// each command has its own opt-out variable, and one command's opt-out leaves the other's restart alone.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {WATCH_RESTART_ENV} from '../../src/cli/watch.js'
import {restartPlan, startNodeOptions, type Started} from '../../src/live/start-settings.js'
import {OPT_OUT_ENV as SERVE_RESTART_ENV} from '../../src/serve/start-settings.js'

const started = (env: Record<string, string> = {}): Started => ({
  execPath: '/usr/bin/node',
  execArgv: [],
  argv: ['/usr/bin/node', '/app/guestview.mjs', 'watch', '--interval', '0.5'],
  env,
  canExec: true,
  nodeMajor: 22,
})

test("watch restarts with the same options as serve, the script's arguments kept", () => {
  assert.equal(restartPlan(started(), WATCH_RESTART_ENV), {
    file: '/usr/bin/node',
    args: ['/usr/bin/node', ...startNodeOptions(22), '/app/guestview.mjs', 'watch', '--interval', '0.5'],
  })
})

test("GUESTVIEW_WATCH_RESTART=0 stops watch's restart only; GUESTVIEW_SERVE_RESTART=0 serve's only", () => {
  assert.is(WATCH_RESTART_ENV, 'GUESTVIEW_WATCH_RESTART')
  assert.is(restartPlan(started({GUESTVIEW_WATCH_RESTART: '0'}), WATCH_RESTART_ENV), null)
  assert.ok(restartPlan(started({GUESTVIEW_SERVE_RESTART: '0'}), WATCH_RESTART_ENV))
  assert.is(restartPlan(started({GUESTVIEW_SERVE_RESTART: '0'}), SERVE_RESTART_ENV), null)
  assert.ok(restartPlan(started({GUESTVIEW_WATCH_RESTART: '0'}), SERVE_RESTART_ENV))
})

test.run()
