import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildFull, type FullReport} from '../src/report/full.js'
import {overviewDoc} from '../src/screens/overview.js'

export default class Overview extends GuestviewCommand {
  static summary =
    'One screen: what this container owns, the top findings, and which tools lie here (also `guestview` alone).'
  static enableJsonFlag = true
  static flags = {...targetFlags, 'no-color': noColorFlag}

  async run(): Promise<FullReport> {
    const {flags} = await this.parse(Overview)
    const opened = this.openFor(flags)
    const report = buildFull(opened.sys)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(overviewDoc(report), flags['no-color']))
    return report
  }
}
