import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildOwns, type OwnsReport} from '../src/report/owns.js'
import {ownsDoc} from '../src/screens/owns.js'

export default class Owns extends GuestviewCommand {
  static summary = 'What this container owns, from its cgroup files: CPU, memory, PIDs, I/O, pressure.'
  static description =
    'Reads the cgroup files (v1, v2 or hybrid) of this process, walks visible ancestors for the tightest CPU, memory and PID limits, and says which file each value came from.'
  static enableJsonFlag = true
  static flags = {...targetFlags, 'no-color': noColorFlag}
  static examples = [
    '<%= config.bin %> owns',
    '<%= config.bin %> owns --json',
    '<%= config.bin %> owns --root fixtures/podman-v1-private',
    '<%= config.bin %> owns --pid 7 --json',
  ]

  async run(): Promise<OwnsReport> {
    const {flags} = await this.parse(Owns)
    const opened = this.openFor(flags)
    const report = buildOwns(opened.sys)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(ownsDoc(report), flags['no-color']))
    return report
  }
}
