// Running `guestview serve` as a real process for the tests: started on a port the kernel picks
// (--listen 127.0.0.1:0), its address read from the line it prints, killed by PID when the test ends.
import {type ChildProcess} from 'node:child_process'
import {assertLiveTest, BIN} from './paths.js'
import {background, waitFor} from './prometheus.js'

export type Served = {child: ChildProcess & {output: () => string}; port: number; url: string}

/** `argv` runs the server (default: node bin/run.js serve ...); it must print "listening on http://H:P". */
export async function startServe(args: string[], argv?: string[]): Promise<Served> {
  const cmd = argv ?? [process.execPath, BIN, 'serve', '--listen', '127.0.0.1:0', ...args]
  assertLiveTest(cmd.join(' '))
  const child = background(cmd[0]!, cmd.slice(1))
  const port = await waitFor(`serve listening (${cmd.join(' ')})`, 60_000, () => {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${child.output()}`)
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(child.output())
    return Promise.resolve(m ? Number(m[1]) : null)
  })
  return {child, port, url: `http://127.0.0.1:${port}`}
}

export function exited(
  child: ChildProcess,
  ms: number,
): Promise<{code: number | null; signal: string | null; ms: number}> {
  const t0 = Date.now()
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({code: child.exitCode, signal: child.signalCode, ms: 0})
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
    }, ms)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, ms: Date.now() - t0})
    })
  })
}

export function stop(s: Served): void {
  if (s.child.pid !== undefined && s.child.exitCode === null && s.child.signalCode === null)
    process.kill(s.child.pid, 'SIGKILL')
}

/**
 * GUESTVIEW_TRACE_START's marks of each stage of a serve that restarted itself: the first stage's end with
 * `execve` (the loader prints them before it), the restarted process's with `exit`.
 */
export const traceStages = (trace: string): string[][] =>
  trace
    .split(/(?<=: (?:execve|exit)\n)/)
    .map((stage) => stage.split('\n').filter((l) => l.startsWith('guestview start:')))
    .filter((marks) => marks.length > 0)
