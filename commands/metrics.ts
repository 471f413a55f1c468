import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {targetFlags} from '../src/cli/flags.js'
import {prometheusText} from '../src/metrics/prometheus.js'
import {checkPushUrl, pushMetrics, redactUrl} from '../src/metrics/push.js'
import {buildFull} from '../src/report/full.js'

export default class Metrics extends GuestviewCommand {
  static summary = 'The report as Prometheus metrics (text format), printed or pushed to a Pushgateway.'
  static description =
    'Unlimited limits are +Inf; values that cannot be read are left out and listed in guestview_unknown with the reason.'
  static flags = {
    ...targetFlags,
    push: Flags.string({
      description: 'PUT the metrics to this URL (Pushgateway: http://HOST:9091/metrics/job/guestview/instance/NAME)',
      helpValue: 'URL',
    }),
  }
  static examples = [
    '<%= config.bin %> metrics',
    '<%= config.bin %> metrics --push http://pushgateway:9091/metrics/job/guestview/instance/$(hostname)',
  ]

  async run(): Promise<void> {
    const {flags} = await this.parse(Metrics)
    const bad = flags.push ? checkPushUrl(flags.push) : null
    if (bad) this.usage(bad)
    const opened = this.openFor(flags)
    const report = buildFull(opened.sys)
    this.stillThere(opened)
    const text = prometheusText(report)
    if (!flags.push) {
      process.stdout.write(text)
      return
    }
    const pushed = await pushMetrics(flags.push, text)
    if (!pushed.ok) this.error(pushed.message, {exit: 1})
    this.log(
      `pushed ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples to ${redactUrl(flags.push)} (HTTP ${pushed.status})`,
    )
  }
}
