import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, rootFlag} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildFull, type FullReport} from '../src/report/full.js'
import {overviewDoc} from '../src/screens/overview.js'
import {openSysroot} from '../src/sysroot/open.js'

export default class Overview extends GuestviewCommand {
  static summary =
    'One screen: what this container owns, the top findings, and which tools lie here (also `guestview` alone).'
  static enableJsonFlag = true
  static flags = {root: rootFlag, 'no-color': noColorFlag}

  async run(): Promise<FullReport> {
    const {flags} = await this.parse(Overview)
    const opened = openSysroot(flags.root)
    if (!opened.ok) this.usage(opened.message)
    const report = buildFull(opened.sys)
    if (!this.jsonEnabled()) this.log(await human(overviewDoc(report), flags['no-color']))
    return report
  }
}
