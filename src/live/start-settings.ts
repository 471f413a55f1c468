// serve and watch run for hours (a daemon scraped every few seconds; a screen left open on a terminal): what
// bounds their memory are settings V8 reads only as the process starts, before any JavaScript runs
// (bench/results/serve.md, "serve's own V8 options", has the A/B of each for serve; bench/watch-memory.ts
// measures watch, whose young generation alone grew to 32-64 MiB committed without them):
//  - --no-concurrent-recompilation: V8's optimising compilers allocate their zone memory with malloc on the
//    platform's worker threads, where glibc gives each thread an arena of its own and keeps what it got:
//    ~5-9 MiB of thread arenas within the first 2,000 scrapes. Compiled on the main thread instead, the zones
//    come and go in the main arena (glibc's MALLOC_ARENA_MAX=1 moves them there too, but that arena then keeps
//    them; and it is glibc's alone).
//  - --max-semi-space-size=2: V8 doubles the young generation whenever the bytes that survived scavenges since
//    it last grew exceed its capacity; under steady 50-concurrent scrapes, to 16 MiB committed, and under
//    watch's frames (~1.5 MiB allocated each: the samples, Ink's output) to 32 MiB (Node 22) or 64 MiB
//    (Node 24). Capped, it stays at 4 (one collection or one frame allocates well under that).
//  - --optimize-for-size: V8 lets the old generation grow by at least 8 MiB of garbage past what was live at
//    the last mark-compact before the next one (2 MiB in this mode), and grows it by smaller factors: ~5 MiB
//    of dead objects, promoted by scavenges that land while scrapes are in flight, sat in the old space
//    between two mark-compacts (a forced collection took 10.2 MiB used back to 5.6, as it was after 100).
//  - --max-opt: no TurboFan, whose code in the node binary (~5 MiB of file-backed pages) is first paged in,
//    and whose zones are allocated, after ~500 scrapes. Compiled on the main thread (above), TurboFan's big
//    functions also held scrapes up: /metrics p99 54-91 ms under ab against 28 ms as started (Node 22). So the
//    top tier is the one below it: Maglev under Node 24 (--max-opt=2), the baseline compiler under Node 22,
//    which ships with Maglev off (--max-opt=1). A collection is a few ms of mostly system calls a second at
//    most, as fast under either (bench/serve.ts measures it under these options).
// v8.setFlagsFromString after start changes none of them. So the command starts itself again, once, with them:
// process.execve (Node 22.15+/23.11+; here Node 22 and 24) replaces the process image in place, with the
// same PID and no parent left waiting (signals, the exit code, a container's PID 1, a terminal's foreground
// process stay the command's own), before it listens, draws or writes a byte. Without process.execve
// (Node 20), or with the command's opt-out variable set to 0 (GUESTVIEW_SERVE_RESTART, GUESTVIEW_WATCH_RESTART),
// it runs as started. An option the user already gave (by its name, on the command line or in NODE_OPTIONS)
// is kept as given.
import {type ChildProcess, spawn} from 'node:child_process'
import {readlinkSync, realpathSync} from 'node:fs'

/** The Node/V8 options a long-running command gives itself under Node nodeMajor. */
export function startNodeOptions(nodeMajor: number): string[] {
  const maxOpt = nodeMajor >= 24 ? 2 : 1
  return ['--no-concurrent-recompilation', '--max-semi-space-size=2', '--optimize-for-size', `--max-opt=${maxOpt}`]
}

/** What the process is: the parts of `process` the plan reads. */
export type Started = {
  execPath: string
  execArgv: readonly string[]
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  canExec: boolean
  nodeMajor: number
}

export type Restart = {file: string; args: string[]}

/** An option's name: V8 takes `--max_opt` for `--max-opt`, and `--concurrent-recompilation` is the same
 * option as `--no-concurrent-recompilation`. */
const optionName = (option: string): string =>
  option
    .split('=')[0]!
    .replaceAll('_', '-')
    .replace(/^--no-/, '--')

/**
 * How to start the command again with the options it lacks, or null: nothing lacking (which is also the case
 * after the restart, so it happens once), no process.execve, or the user's opt-out (optOutEnv set to 0).
 */
export function restartPlan(p: Started, optOutEnv: string): Restart | null {
  if (!p.canExec || p.env[optOutEnv] === '0' || p.argv.length < 2) return null
  // Given on the command line, or in NODE_OPTIONS (which the command line would override).
  const given = new Set([...p.execArgv, ...(p.env.NODE_OPTIONS ?? '').split(/\s+/)].map(optionName))
  const options = startNodeOptions(p.nodeMajor).filter((o) => !given.has(optionName(o)))
  if (options.length === 0) return null
  return {file: p.execPath, args: [p.execPath, ...p.execArgv, ...options, ...p.argv.slice(1)]}
}

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never

/**
 * Starts the command again with the settings (never resolves then) when restartPlan says so; else resolves. A failed
 * process.execve is not an exception: Node aborts the process (SIGABRT, "process.execve failed with error
 * code EPERM"). So it is tried only after the same Node has been executed as a child (canStart), which a
 * seccomp profile that denies execve, a binary gone or a noexec mount refuse gracefully: the command then runs
 * as it is, without the settings, as it did before they existed.
 */
export async function restartWithStartSettings(optOutEnv: string): Promise<void> {
  const plan = restartPlan(thisProcess(), optOutEnv)
  if (!plan || !execve) return
  const started = await canStart(plan.file)
  loaderHook('guestview.traceStart')?.('restart: the child executed')
  if (!started) return
  // No 'exit' listener runs across execve: the loader writes the code caches this stage compiled now (so that
  // the next start's first stage reads one) and prints GUESTVIEW_TRACE_START's marks.
  loaderHook('guestview.beforeExecve')?.()
  execve.call(process, plan.file, plan.args, process.env)
}

/** A function the loader of dist/guestview.mjs (scripts/loader.mjs) leaves on globalThis; none from sources. */
const loaderHook = (name: string) =>
  (globalThis as Record<symbol, unknown>)[Symbol.for(name)] as ((label?: string) => void) | undefined

const execve = (process as unknown as {execve?: Execve}).execve

const thisProcess = (): Started => ({
  execPath: process.execPath,
  execArgv: process.execArgv,
  argv: process.argv,
  env: process.env,
  canExec: typeof execve === 'function',
  nodeMajor: Number(process.versions.node.split('.')[0]),
})

/**
 * The options `command`, started as this process was, would restart itself with (none where it would not).
 */
export function startNodeOptionsHere(command: string, optOutEnv: string): string[] {
  const p = thisProcess()
  return restartPlan({...p, execArgv: [], argv: [p.execPath, command]}, optOutEnv) ? startNodeOptions(p.nodeMajor) : []
}

/**
 * Whether `file` can be executed, as process.execve would need, found out in a child: without aborting.
 * `file --version` exiting 0 says so; so does the child's /proc/PID/exe naming `file` once spawn has returned
 * (libuv returns only after the exec, or its error, on a close-on-exec pipe): the child is then killed, not
 * waited for through Node's own start (the check took 10.3 ms instead of 15.4 in serve's first stage: Node 22,
 * medians of 12, a loaded machine). The exe, not the spawn alone: libuv's execvp runs a file that is no program
 * (ENOEXEC) with /bin/sh, where execve fails. Where /proc cannot tell (not mounted, `file` gone), the child runs
 * to its exit, as before, for 10 s at most.
 */
export function canStart(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    let child: ChildProcess
    try {
      child = spawn(file, ['--version'], {stdio: 'ignore'})
    } catch {
      return resolve(false)
    }
    const executed = child.pid !== undefined && executes(child.pid, file)
    const timer = executed ? undefined : setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('error', () => {
      clearTimeout(timer)
      resolve(false)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve(code === 0 || (executed && signal === 'SIGKILL'))
    })
    if (executed) child.kill('SIGKILL')
  })
}

/** Whether process `pid` runs `file` (a zombie, or a process another program replaced, does not). */
function executes(pid: number, file: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/exe`) === realpathSync(file)
  } catch {
    return false
  }
}
