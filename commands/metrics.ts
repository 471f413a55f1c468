import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {checkPushUrl, pushMetrics, redactUrl} from '../src/metrics/push.js'
import {DEFAULT_JOB, pushUrl} from '../src/metrics/push-url.js'
import {buildFull} from '../src/report/full.js'
import {openedTargets} from '../src/live/targets.js'
import {pushedDoc} from '../src/screens/push.js'

export default class Metrics extends GuestviewCommand {
  static summary = 'The report as Prometheus metrics (text format), printed or pushed to a Pushgateway.'
  static description =
    "cAdvisor's names where cAdvisor has one (container_cpu_cfs_throttled_periods_total, container_spec_cpu_quota...), guestview_* for the rest: limits (+Inf when unlimited), findings, view scopes, and values that cannot be read, in guestview_unknown with the reason."
  static flags = {
    ...targetFlags,
    'no-color': noColorFlag,
    push: Flags.string({
      description:
        "PUT the metrics to a Pushgateway: its base URL (http://HOST:9091; the job's path is added), or a full .../metrics/job/JOB[/LABEL/VALUE...] URL",
      helpValue: 'URL',
    }),
    job: Flags.string({
      description: `the Pushgateway job the base URL is pushed under (default ${DEFAULT_JOB})`,
      helpValue: 'NAME',
      dependsOn: ['push'],
    }),
  }
  static examples = [
    '<%= config.bin %> metrics',
    '<%= config.bin %> metrics --push http://pushgateway:9091',
    '<%= config.bin %> metrics --push http://pushgateway:9091 --job my-app-sidecar',
    '<%= config.bin %> metrics --push http://pushgateway:9091/metrics/job/guestview/instance/$(hostname)',
  ]

  async run(): Promise<void> {
    const {flags} = await this.parse(Metrics)
    const bad = flags.push ? checkPushUrl(flags.push) : null
    if (bad) this.usage(bad)
    const target = flags.push ? pushUrl(flags.push, flags.job) : null
    if (target && !target.ok) this.usage(target.message)
    const opened = this.openFor(flags)
    const report = buildFull(opened.sys)
    this.stillThere(opened)
    // prom-client is loaded only here and in serve (a few hundred milliseconds): lazily.
    const {metricsText} = await import('../src/metrics/registry.js')
    // The container label: this container's, or the --pid target's, as serve and watch name it.
    const container = openedTargets(opened)()[0]!.name
    const {text} = await metricsText([{container, report}])
    if (!flags.push) {
      // The Prometheus text format is data for a scraper, like --json: it never goes through a document.
      process.stdout.write(text)
      return
    }
    const url = target?.ok ? target.url : flags.push
    const pushed = await pushMetrics(url, text)
    if (!pushed.ok) this.error(pushed.message, {exit: 1})
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#')).length
    this.log(await human(pushedDoc(samples, redactUrl(url), pushed.status), flags['no-color']))
  }
}
