import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, rootFlag} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {buildPod, type PodReport} from '../src/report/pod.js'
import {podDoc} from '../src/screens/pod.js'
import {openSysroot} from '../src/sysroot/open.js'

export default class Pod extends GuestviewCommand {
  static summary =
    'Every container visible from here (a pod sharing its PID namespace), one row each: limits, usage, throttling, OOM kills, top findings.'
  static description =
    "Groups the visible processes by cgroup and mount namespace and reads each group's report through its main process (as --pid does). Names each by the container ID and Kubernetes QoS class in its cgroup path, and its command line; marks this container and the pause/infra container. On a host, or without a shared PID namespace, it says what it can see and why that is all."
  static enableJsonFlag = true
  static flags = {root: rootFlag, 'no-color': noColorFlag}
  static examples = ['<%= config.bin %> pod', '<%= config.bin %> pod --json', '<%= config.bin %> --pid 7 owns']

  async run(): Promise<PodReport> {
    const {flags} = await this.parse(Pod)
    const opened = openSysroot(flags.root)
    if (!opened.ok) this.usage(opened.message)
    const report = buildPod(opened.sys)
    if (!this.jsonEnabled()) this.log(await human(podDoc(report), flags['no-color']))
    return report
  }
}
