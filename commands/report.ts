import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildFull, type FullReport} from '../src/report/full.js'
import {reportDoc} from '../src/screens/report.js'

export default class Report extends GuestviewCommand {
  static summary = 'The whole report: what this container owns, the scope of every view, probes and findings.'
  static enableJsonFlag = true
  static flags = {...targetFlags, 'no-color': noColorFlag}
  static examples = ['<%= config.bin %> report --json']

  async run(): Promise<FullReport> {
    const {flags} = await this.parse(Report)
    const opened = this.openFor(flags)
    const report = buildFull(opened.sys)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(reportDoc(report), flags['no-color']))
    return report
  }
}
