import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {parseInterval, runDiagnosis, type Diagnosis} from '../src/diagnose/report.js'
import {diagnoseDoc} from '../src/screens/diagnose.js'

export default class Diagnose extends GuestviewCommand {
  static summary =
    'Is the CPU throttled, and by what? Samples the counters twice and walks the LISA17 differential diagnosis.'
  static description =
    "Reads throttling, CPU usage, host /proc/stat, the nonvoluntary context switches of this cgroup's processes and PSI twice, --interval seconds apart, " +
    'then answers: cap throttled (quota), share throttled (neighbours), physical CPU throttled (you saturate the host), not throttled (dig further), or not throttled; with a USE summary for CPU and memory.'
  static enableJsonFlag = true
  static flags = {
    ...targetFlags,
    'no-color': noColorFlag,
    interval: Flags.string({
      description: 'seconds between the two samples (0.2 to 60)',
      default: '2',
      helpValue: 'SECONDS',
    }),
  }
  static examples = ['<%= config.bin %> diagnose', '<%= config.bin %> diagnose --interval 5 --json']

  async run(): Promise<Diagnosis> {
    const {flags} = await this.parse(Diagnose)
    const interval = parseInterval(flags.interval)
    if (!interval.ok) this.usage(interval.message)
    const opened = this.openFor(flags)
    const result = await runDiagnosis(opened.sys.rootDir, interval.seconds, opened.sys.pid)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(diagnoseDoc(result), flags['no-color']))
    return result
  }
}
