// How long `serve` takes from its spawn to the line that says it listens: with the restart that gives it its
// V8 options (src/live/start-settings.ts) and without (GUESTVIEW_SERVE_RESTART=0), started in turns.
import {spawn} from 'node:child_process'

/**
 * Milliseconds from spawn to "listening on"; the server is stopped by its PID after, with SIGTERM (its handlers
 * are in before that line), and must exit 0: a SIGKILL left the restarted process no exit to write its code
 * cache at, so every start compiled it again. `name` says which row failed. Used by bench/serve-start.ts too.
 */
export function readyMs(argv: string[], env: NodeJS.ProcessEnv, name = 'serve'): Promise<number> {
  const t0 = performance.now()
  const child = spawn(argv[0]!, argv.slice(1), {env, stdio: ['ignore', 'pipe', 'ignore']})
  return new Promise((resolve, reject) => {
    let out = ''
    let ms = 0
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name}: did not listen within 30 s: ${out}`))
    }, 30_000)
    child.stdout.on('data', (d) => {
      out += String(d)
      if (ms || !out.includes('listening on')) return
      ms = performance.now() - t0
      process.kill(child.pid!, 'SIGTERM')
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (ms && code === 0) resolve(ms)
      else reject(new Error(`${name}: exited ${code}${ms ? '' : ' before listening'}: ${out}`))
    })
    child.once('error', reject)
  })
}

/** Times to listening, restart on and off, `rounds` of each in turns. */
export async function readyTimes(argv: string[], rounds: number): Promise<{restart: number[]; asStarted: number[]}> {
  const restart: number[] = []
  const asStarted: number[] = []
  for (let i = 0; i < rounds; i++) {
    restart.push(await readyMs(argv, process.env))
    asStarted.push(await readyMs(argv, {...process.env, GUESTVIEW_SERVE_RESTART: '0'}))
  }
  return {restart, asStarted}
}
