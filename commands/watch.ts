import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag} from '../src/cli/flags.js'
import {liveTargetFlags, liveTargets} from '../src/cli/live-targets.js'
import {RESTART_BELOW_SECONDS, runWatch, WATCH_RESTART_ENV} from '../src/cli/watch.js'
import {parseInterval} from '../src/diagnose/report.js'
import {outputMode} from '../src/doc/output.js'
import {restartWithStartSettings} from '../src/live/start-settings.js'

export default class Watch extends GuestviewCommand {
  static summary =
    "Top for this container (or --pid's, or every container with --pod): CPU, throttling, memory, PSI, pids, top processes and the diagnosis, live."
  static description =
    'Redraws in place on a terminal (q quits, p pauses); elsewhere one line per container per interval, or with --json one JSON object per interval (NDJSON). Ends with one line and exit 1 if the cgroup goes away or the --pid process exits. With an --interval under 1 s and no --count, under Node 22 and 24 it starts itself again once, in place, with V8 options that keep its memory flat over hours (GUESTVIEW_WATCH_RESTART=0: not).'
  static flags = {
    ...liveTargetFlags,
    'no-color': noColorFlag,
    json: Flags.boolean({
      description: "one JSON object per interval (NDJSON), with that interval's rates",
      default: false,
    }),
    interval: Flags.string({description: 'seconds between samples (0.2 to 60)', default: '2', helpValue: 'SECONDS'}),
    count: Flags.integer({description: 'stop after this many intervals', min: 1, helpValue: 'N'}),
  }
  static examples = [
    '<%= config.bin %> watch',
    '<%= config.bin %> watch --interval 5 --json | jq .containers[0].cpu',
    '<%= config.bin %> watch --pid-of nginx',
    '<%= config.bin %> watch --pod',
  ]

  async run(): Promise<void> {
    const {flags} = await this.parse(Watch)
    const interval = parseInterval(flags.interval)
    if (!interval.ok) this.usage(interval.message)
    // Left open at a short interval, watch allocates fast enough that V8 grows its young generation to
    // 32-128 MiB (Node 22-24; 1-4 MiB at the default 2 s): once, with the V8 options that bound its memory (see
    // there), before the targets are looked for and before a byte is drawn. Not at longer intervals, where they
    // saved ~9 MiB in 30 minutes and cost the first screen ~0.2 s and each frame ~1.3x the CPU; not with
    // --count (a bounded sample).
    if (flags.count === undefined && interval.seconds < RESTART_BELOW_SECONDS)
      await restartWithStartSettings(WATCH_RESTART_ENV)
    const live = liveTargets(flags)
    if (!live.ok) this.usage(live.message)
    const mode = outputMode(process.stdout, flags['no-color'])
    process.exitCode = await runWatch({
      targets: live.targets,
      intervalSeconds: interval.seconds,
      count: flags.count ?? null,
      output: flags.json ? 'json' : mode.color && process.stdin.isTTY ? 'live' : 'lines',
      mode,
      root: live.rootDir,
    })
  }
}
