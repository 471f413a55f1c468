import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildFull} from '../src/report/full.js'
import {viewsDoc} from '../src/screens/views.js'
import type {Target} from '../src/target/target.js'
import type {View} from '../src/views/types.js'

export default class Views extends GuestviewCommand {
  static summary =
    'Which numbers are host-wide: every source the classic tools read, with its scope here and the evidence.'
  static description =
    "Scopes: host (the kernel serves the whole host), namespaced (a namespace of this container scopes it), cgroup (this container's own cgroup), virtualized (lxcfs is mounted over it), unavailable (cannot be read here)."
  static enableJsonFlag = true
  static flags = {...targetFlags, 'no-color': noColorFlag}
  static examples = ['<%= config.bin %> views', '<%= config.bin %> views --json']

  async run(): Promise<{target: Target; views: View[]}> {
    const {flags} = await this.parse(Views)
    const opened = this.openFor(flags)
    const {views, target} = buildFull(opened.sys)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(viewsDoc(opened.sys.rootDir, views, target), flags['no-color']))
    return {target, views}
  }
}
