// Base for every command: errors are one line on stderr that says what to do, exit code 2 for usage
// errors (bad flag, bad --root), and with --json a small JSON error object ({error: {message, exitCode, hint?}}) on
// stdout instead. Every command exits quietly when its reader goes away (epipe.ts).
import {Command, Errors} from '@oclif/core'
import {Sysroot} from '../sysroot/sysroot.js'
import {openTarget} from '../target/open.js'
import {targetGone} from '../target/target.js'
import {exitQuietlyOnEpipe} from './epipe.js'
import {jsonText, oneLine} from '../text/safe.js'
import {traceStart} from './trace-start.js'

export class UsageError extends Error {}

export abstract class GuestviewCommand extends Command {
  /**
   * `--json` output: the same text as oclif's (which has no colour theme here), without its colouriser, which
   * runs a regular expression per token over the whole document (a tenth of `report --json`'s start-up). Every
   * document goes out with its strings bounded (a 10 MB hostname made 10 MB of views --json): safe.ts jsonText,
   * which spares the walk over a document whose lines are all short (an error's is: its message is one line).
   */
  logJson(json: unknown): void {
    this.print(jsonText(json))
  }

  /**
   * What oclif's log prints (ux.stdout: console.log of util.format of the one string, which is the string
   * itself), written to stdout at once: the global console, built on the first call, formats its argument
   * again and loads Node's colour helpers (a few ms of a JSON run's start). A failed write is an 'error' event
   * on stdout, which epipe.ts handles, as before.
   */
  log(message: unknown = '', ...args: unknown[]): void {
    if (typeof message === 'string' && args.length === 0) {
      if (!this.jsonEnabled()) this.print(message)
    } else super.log(message as string, ...args)
  }

  private print(text: string): void {
    process.stdout.write(`${text}\n`)
  }

  async init(): Promise<void> {
    traceStart('command init()')
    exitQuietlyOnEpipe()
    await super.init()
    traceStart('command run()')
  }

  /** Stop with a one-line usage error and exit 2. */
  protected usage(message: string): never {
    throw new UsageError(message)
  }

  /**
   * The sysroot for --root, as the process that --pid / --pid-of name (or this one): a usage error (exit 2,
   * one line) when the root, the PID or its /proc/PID/root cannot be used. Read nothing before this.
   */
  protected openFor(
    flags: {root: string; pid?: string | undefined; 'pid-of'?: string | undefined},
    options: {record?: boolean} = {},
  ) {
    const opened = openTarget(flags.root, {pid: flags.pid, pidOf: flags['pid-of']}, options)
    if (!opened.ok) this.usage(opened.message)
    return opened
  }

  /**
   * After the report was built and before a byte is printed: a target that exited (or whose PID was reused)
   * meanwhile is a one-line error, never a report of files that vanished halfway.
   */
  protected stillThere(opened: ReturnType<GuestviewCommand['openFor']>): void {
    const gone = targetGone(new Sysroot(opened.sys.rootDir, {pid: opened.sys.pid}), opened.startStat)
    if (gone.gone) this.usage(gone.message)
  }

  // oclif's Command.catch is async and awaited; this override has nothing to wait for.
  // eslint-disable-next-line @typescript-eslint/require-await
  async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}; code?: string}): Promise<unknown> {
    if (err instanceof Errors.ExitError || err.code === 'EEXIT') throw err
    const parseError = isParseError(err) || /^Flag --\S+ expects/.test(err.message ?? '')
    const exit = err instanceof UsageError || parseError ? 2 : (err.oclif?.exit ?? err.exitCode ?? 1)
    const lines = (err.message ?? String(err))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^See more help/.test(l))
    const first = oneLine(lines.join(' ').replace(/:\s+/, ': ') || 'failed', 1000)
    const hint = parseError ? ` Try: ${this.config.bin} ${this.id ?? ''} --help`.replace(/ +--help/, ' --help') : ''
    if (this.jsonEnabled()) {
      // A small object, not oclif's default (the error's own fields: with a parse error, the whole parser
      // state and config, home directory and install root included: 52 KB; issue 13 item 9).
      process.exitCode = exit
      this.logJson({error: {message: first, exitCode: exit, ...(hint ? {hint: hint.trim()} : {})}})
      return
    }
    process.stderr.write(
      `${this.config.bin}${this.id ? ' ' + this.id : ''}: ${first}${hint && !first.includes('--help') ? '.' + hint : ''}\n`,
    )
    this.exit(exit)
  }
}

function isParseError(err: Error): boolean {
  // @oclif/core's parser errors (CLIParseError and its kin: nonexistent flag, unexpected or missing
  // argument, failed validation) carry the parse state in `parse`.
  return typeof err === 'object' && err !== null && 'parse' in err
}
