import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {liveTargetFlags, liveTargets} from '../src/cli/live-targets.js'
import {DEFAULT_LISTEN, parseListen} from '../src/serve/listen.js'
import {restartWithStartSettings} from '../src/serve/start-settings.js'

export default class Serve extends GuestviewCommand {
  static summary =
    "The sidecar's server: /metrics for Prometheus (cAdvisor's names), /report (JSON) and /healthz, for this container, --pid's, or with --pod every container."
  static description =
    'Reads the files at most once a second however often it is scraped (concurrent scrapes share one collection; a failed one, or a --pid process that exited, serves the last good values and guestview_collection_error 1). A scrape is answered at once from values under 3 s old (refreshed in the background once 1 s old) and waits for fresh ones only after 3 s without a scrape; guestview_collection_timestamp_seconds says when they were read. Every series has a container label, as `guestview pod` names it: self, the container ID, or the cgroup path; with --pod, a container that cannot be read has guestview_container_readable 0 with the reason. Loopback by default; SIGTERM drains and exits 0. Under Node 22 and 24 it starts itself again once, in place, with V8 options that keep its memory flat (GUESTVIEW_SERVE_RESTART=0: not).'
  static flags = {
    ...liveTargetFlags,
    listen: Flags.string({
      description: 'address and port to listen on (0.0.0.0:9323 to be scraped from outside the pod)',
      default: DEFAULT_LISTEN,
      helpValue: 'HOST:PORT',
    }),
  }
  static examples = [
    '<%= config.bin %> serve',
    '<%= config.bin %> serve --listen 0.0.0.0:9323 --pod',
    '<%= config.bin %> serve --pid-of nginx',
  ]

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const at = parseListen(flags.listen)
    if (!at.ok) this.usage(at.message)
    // Once, with the V8 options that bound a daemon's memory (see there); before the targets are looked for,
    // which the restarted process would do again.
    await restartWithStartSettings()
    const live = liveTargets(flags)
    if (!live.ok) this.usage(live.message)
    const {runServe} = await import('../src/cli/serve.js')
    const served = await runServe(live.targets, at.listen, flags.pod, (line) => this.log(line))
    if (!served.ok) this.usage(served.message)
    await served.done
    this.exit(0)
  }
}
