// When the reader of our output goes away (`guestview owns --json | head -1`, `| true`), writes fail with
// EPIPE. That is the reader's choice, not our failure: stop quietly, with the exit code the command had
// already chosen (0 unless, say, `check --fail-on` set 1), instead of an unhandled 'error' event's stack
// trace (issue 13 item 8). Installed by every command (GuestviewCommand.init).
type Stream = NodeJS.WriteStream & {__guestviewEpipe?: true}

export function exitQuietlyOnEpipe(streams: Stream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (stream.__guestviewEpipe) continue
    stream.__guestviewEpipe = true
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
      throw error
    })
  }
}
