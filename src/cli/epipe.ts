// When the reader of our output goes away (`guestview owns --json | head -1`, `| true`), writes fail with
// EPIPE. That is the reader's choice, not our failure: stop quietly, with the exit code the command had
// already chosen (0 unless, say, `check --fail-on` set 1), instead of an unhandled 'error' event's stack
// trace (issue 13 item 8). Installed by every command (GuestviewCommand.init).
// Which streams have the handler: a set, not a property on the stream, which would make stdio.ts's stand-in
// build the real stream for nothing.
const handled = new WeakSet<NodeJS.WriteStream>()

export function exitQuietlyOnEpipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (handled.has(stream)) continue
    handled.add(stream)
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
      throw error
    })
  }
}
