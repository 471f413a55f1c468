import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, rootFlag} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildFull, type FullReport} from '../src/report/full.js'
import {reportDoc} from '../src/screens/report.js'
import {openSysroot} from '../src/sysroot/open.js'

export default class Report extends GuestviewCommand {
  static summary = 'The whole report: what this container owns, the scope of every view, probes and findings.'
  static enableJsonFlag = true
  static flags = {root: rootFlag, 'no-color': noColorFlag}
  static examples = ['<%= config.bin %> report --json']

  async run(): Promise<FullReport> {
    const {flags} = await this.parse(Report)
    const opened = openSysroot(flags.root)
    if (!opened.ok) this.usage(opened.message)
    const report = buildFull(opened.sys)
    if (!this.jsonEnabled()) this.log(await human(reportDoc(report), flags['no-color']))
    return report
  }
}
