// --run: run the real tool once, bounded (interval 1, count 1, a timeout), and annotate its lines.
// Never through a shell, never with user text: argv comes from the tool registry (and, for `cat`, from
// the report's own cgroup paths). This is the one module that executes programs.
import {spawnSync} from 'node:child_process'
import type {FullReport} from '../report/full.js'
import {keyFiles} from './tools/cgroup-files.js'
import type {ToolSpec} from './types.js'

export const RUN_TIMEOUT_MS = 5000

/** One run of a tool: how it ended, and its output lines, each with the annotation it needs (or null). */
export type RunResult = {
  argv: string[]
  status: 'ran' | 'not-installed' | 'not-runnable' | 'failed' | 'timed-out'
  exitCode: number | null
  message?: string
  lines: {text: string; note: string | null}[]
}

export function runTool(spec: ToolSpec, report: FullReport, timeoutMs = RUN_TIMEOUT_MS): RunResult {
  if (!spec.run) {
    return {
      argv: [spec.tool],
      status: 'not-runnable',
      exitCode: null,
      message: `${spec.tool} runs on the host (or the API server), not inside a container: the explanation shows the cgroup values it is computed from.`,
      lines: [],
    }
  }
  const argv = spec.tool === 'cgroup' ? ['cat', ...keyFiles(report)] : spec.run
  const [cmd, ...args] = argv as [string, ...string[]]
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 4 * 1024 * 1024,
    env: {...process.env, LC_ALL: 'C', COLUMNS: '200', S_COLORS: 'never', TERM: 'dumb'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const err: NodeJS.ErrnoException | undefined = r.error
  if (err?.code === 'ENOENT') return {argv, status: 'not-installed', exitCode: null, lines: []}
  let lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop()
  if (spec.tailLines) lines = lines.slice(-spec.tailLines)
  const annotated = lines.map((text) => ({text, note: spec.annotate ? spec.annotate(text, report) : null}))
  if (err?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL')
    return {argv, status: 'timed-out', exitCode: null, message: `stopped after ${timeoutMs} ms`, lines: annotated}
  if (err) return {argv, status: 'failed', exitCode: null, message: err.message, lines: annotated}
  if (r.status !== 0)
    return {
      argv,
      status: 'failed',
      exitCode: r.status,
      message: 'the tool exited with an error (its output is above)',
      lines: annotated,
    }
  return {argv, status: 'ran', exitCode: 0, lines: annotated}
}
