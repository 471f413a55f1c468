import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {rootFlag} from '../src/cli/flags.js'
import {selfTargets} from '../src/live/targets.js'
import {DEFAULT_LISTEN, parseListen} from '../src/serve/listen.js'
import {openSysroot} from '../src/sysroot/open.js'

export default class Serve extends GuestviewCommand {
  static summary = "The sidecar's server: /metrics for Prometheus (cAdvisor's names), /report (JSON) and /healthz."
  static description =
    'Reads the files at most once a second however often it is scraped (concurrent scrapes share one collection; a failed one serves the last good values and guestview_collection_error 1). Loopback by default; SIGTERM drains and exits 0.'
  static flags = {
    root: rootFlag,
    listen: Flags.string({
      description: 'address and port to listen on (0.0.0.0:9323 to be scraped from outside the pod)',
      default: DEFAULT_LISTEN,
      helpValue: 'HOST:PORT',
    }),
  }
  static examples = ['<%= config.bin %> serve', '<%= config.bin %> serve --listen 0.0.0.0:9323']

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const at = parseListen(flags.listen)
    if (!at.ok) this.usage(at.message)
    const opened = openSysroot(flags.root)
    if (!opened.ok) this.usage(opened.message)
    const {runServe} = await import('../src/cli/serve.js')
    const served = await runServe(selfTargets(opened.sys.rootDir), at.listen, (line) => this.log(line))
    if (!served.ok) this.usage(served.message)
    await served.done
    this.exit(0)
  }
}
