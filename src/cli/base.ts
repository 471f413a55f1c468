// Base for every command: errors are one line on stderr that says what to do, exit code 2 for usage
// errors (bad flag, bad --root), and with --json oclif's JSON error object instead.
import {Command, Errors, ux} from '@oclif/core'

export class UsageError extends Error {}

export abstract class GuestviewCommand extends Command {
  /**
   * `--json` output: the same text as oclif's (which has no colour theme here), without its colouriser, which
   * runs a regular expression per token over the whole document (a tenth of `report --json`'s start-up).
   */
  logJson(json: unknown): void {
    ux.stdout(JSON.stringify(json, null, 2))
  }

  /** Stop with a one-line usage error and exit 2. */
  protected usage(message: string): never {
    throw new UsageError(message)
  }

  async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}; code?: string}): Promise<unknown> {
    if (err instanceof Errors.ExitError || err.code === 'EEXIT') throw err
    const parseError = isParseError(err) || /^Flag --\S+ expects/.test(err.message ?? '')
    const exit = err instanceof UsageError || parseError ? 2 : (err.oclif?.exit ?? err.exitCode ?? 1)
    if (this.jsonEnabled()) {
      process.exitCode = exit
      return super.catch(err)
    }
    const lines = (err.message ?? String(err))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^See more help/.test(l))
    const first = lines.join(' ').replace(/:\s+/, ': ') || 'failed'
    const hint = parseError ? ` Try: ${this.config.bin} ${this.id ?? ''} --help`.replace(/ +--help/, ' --help') : ''
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
