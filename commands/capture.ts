import {Args, Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {captureTo, captureExitCode, type CaptureResult} from '../src/report/capture.js'
import {captureDoc} from '../src/screens/capture.js'

export default class Capture extends GuestviewCommand {
  static summary = 'Copy every file the report reads into DIR, as a sysroot tree that `--root DIR` replays exactly.'
  static description =
    'For fixtures and support tickets: DIR gets the /proc and /sys files and the cgroup files that guestview read, links as links, and a guestview-capture.json manifest that records files that could not be read. The capture is replayed at once and compared with the live report. Exit 0: written and replayed alike; 1: the replay differs or some paths were refused; 2: bad DIR or --root.'
  static enableJsonFlag = true
  static args = {
    dir: Args.string({description: 'new or empty directory to write the sysroot tree into', required: true}),
  }
  static flags = {
    ...targetFlags,
    'no-color': noColorFlag,
    note: Flags.string({description: 'a note stored in the manifest (where and how this was captured)'}),
    force: Flags.boolean({
      description: 'write into a non-empty DIR (existing files are never overwritten: they are refused)',
      default: false,
    }),
  }
  static examples = [
    '<%= config.bin %> capture /tmp/my-container',
    '<%= config.bin %> owns --root /tmp/my-container',
    '<%= config.bin %> capture --pid 7 /tmp/the-app   # then: guestview owns --root /tmp/the-app',
  ]

  async run(): Promise<CaptureResult> {
    const {args, flags} = await this.parse(Capture)
    const result = captureTo(
      args.dir,
      flags.root,
      {note: flags.note, version: this.config.version, argv: this.argv, force: flags.force},
      {pid: flags.pid, pidOf: flags['pid-of']},
    )
    if (!result.ok) this.usage(result.message)
    if (!this.jsonEnabled()) this.log(await human(captureDoc(result), flags['no-color']))
    // Not this.exit(1): it throws before run() returns, and --json would print nothing (issue 12 item 4).
    process.exitCode = captureExitCode(result)
    return result
  }
}
