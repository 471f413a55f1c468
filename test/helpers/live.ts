// Running the built CLI (and other programs) in the real environment, always bounded: every child has a
// timeout and is killed by its PID, never by name. Root-only tests ask canRoot() first.
import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {assertLiveTest, BIN, REPO} from './paths.js'
import {compileAll, checkIfGuestviewJson, cliJson} from './schema.js'

// The schemas compile here, once, before any run is timed (every --json output is checked: see run()).
compileAll()

export type Ran = {
  /** The command line that ran. */
  argv: string[]
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  error?: Error
}

/** Run a program to completion with a hard timeout (SIGKILL to its PID when it expires). */
export function run(
  cmd: string,
  args: string[],
  options: {timeoutMs?: number; env?: Record<string, string>; cwd?: string} = {},
): Ran {
  const r: SpawnSyncReturns<string> = spawnSync(cmd, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? REPO,
    timeout: options.timeoutMs ?? 15_000,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...options.env},
  })
  // Every --json output of the CLI is checked against its schema, read by the test or not.
  if (r.status !== null && !r.error) checkIfGuestviewJson([cmd, ...args], r.stdout ?? '')
  return {
    argv: [cmd, ...args],
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ...(r.error ? {error: r.error} : {}),
  }
}

/** The built CLI: node bin/run.js ARGS (bin/run.js runs dist/guestview.mjs, so build first). */
export function cli(args: string[], options: {timeoutMs?: number; env?: Record<string, string>} = {}): Ran {
  assertLiveTest(`guestview ${args.join(' ')}`)
  return run(process.execPath, [BIN, ...args], options)
}

/** A program prefix (unshare, setpriv, ...) around the built CLI (`bin`: another copy of it). */
export function cliUnder(
  prefix: string[],
  args: string[],
  options: {timeoutMs?: number; env?: Record<string, string>; bin?: string} = {},
): Ran {
  const argv = [...prefix, process.execPath, options.bin ?? BIN, ...args]
  assertLiveTest(argv.join(' '))
  return run(argv[0]!, argv.slice(1), options)
}

/** The CLI's --json output, checked against its JSON Schema (test/helpers/schema.ts). */
export function parseJson<T = any>(r: Ran, what: string): T {
  return cliJson<T>(r, `${what} (exit ${r.status}, signal ${r.signal}; stderr: ${r.stderr.slice(0, 500)})`)
}

export const isRoot = (): boolean => process.getuid?.() === 0

/** Path of a program on PATH, or null. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const p = `${dir}/${name}`
    if (dir && existsSync(p)) return p
  }
  return null
}

export function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** Whether dist/ holds a build the CLI can run (tests that run bin/run.js skip without one). */
export const built = (): boolean => existsSync(`${REPO}/dist/guestview.mjs`)
