import {Args, Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {explain} from '../src/explain/explain.js'
import {human} from '../src/cli/human.js'
import {buildFull} from '../src/report/full.js'
import {explainDoc} from '../src/screens/explain.js'

export default class Explain extends GuestviewCommand {
  static summary = 'How to read a classic tool from inside this container, with its live numbers.'
  static description =
    'Tools: uptime, dmesg, vmstat, mpstat, pidstat, iostat, free, "sar -n DEV", "sar -n TCP,ETCP" (the 60-second checklist), top, ps, nproc, df, perf, "docker stats", "kubectl top", cgroup. Type them as you would: `explain sar` gives both sar views. Without TOOL: the list.'
  static enableJsonFlag = true
  static strict = false // "sar -n DEV" may arrive as several words
  // ...with dashes: `explain sar -n DEV`, `explain free -h`. Words that are not guestview's flags are the
  // tool's own, so they join the tool name instead of failing as nonexistent flags.
  static '--' = false
  static args = {tool: Args.string({description: 'the tool, as you would type it', required: false})}
  static flags = {
    ...targetFlags,
    'no-color': noColorFlag,
    run: Flags.boolean({
      description: 'also run the tool once (interval 1, count 1, 5 s timeout) and annotate its output',
      default: false,
    }),
    all: Flags.boolean({
      description: 'the whole checklist in order, then the other tools: one document for a class',
      default: false,
    }),
  }
  static examples = [
    '<%= config.bin %> explain free --run',
    '<%= config.bin %> explain "sar -n DEV"',
    '<%= config.bin %> explain --all > checklist.txt',
  ]

  async run() {
    const {argv, flags} = await this.parse(Explain)
    const opened = this.openFor(flags)
    const words = (argv as string[]).filter((a) => a !== '--')
    // Short options belong to the tool ("free -h"); a long one is more likely a mistyped flag of ours.
    const long = words.find((w) => w.startsWith('--'))
    if (long) this.usage(`Nonexistent flag: ${long}. Try: ${this.config.bin} explain --help`)
    // --run executes this system's tools: their output would not match the numbers of another sysroot.
    if (flags.run && !opened.sys.isLive())
      this.usage(`--run runs the tools of this system, so it cannot be combined with --root ${flags.root}`)
    // ...and of this container: its output would be this container's view, not the target's.
    if (flags.run && opened.target.sameContainer !== true)
      this.usage(
        `--run runs the tool here, in guestview's container, so its output would not be PID ${opened.sys.pid}'s view: run \`guestview explain ... --run\` inside that container, or drop --run`,
      )
    const report = buildFull(opened.sys)
    this.stillThere(opened)
    const result = explain(report, {
      tool: words.length ? words.join(' ') : undefined,
      all: flags.all,
      run: flags.run,
    })
    if (!result.ok) this.usage(result.message)
    if (!this.jsonEnabled()) this.log(await human(explainDoc(result.tools, report.target), flags['no-color']))
    return {target: report.target, tools: result.tools}
  }
}
