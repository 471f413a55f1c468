// The command index for oclif's `explicit` discovery strategy: one object from id to command class, so
// that oclif finds every command in this module (and in the bundle built from it) instead of globbing a
// directory for files. Adding a command means adding it here: this is the one list of commands (argv.ts
// takes the names from oclif, which takes them from here).
import type {Command} from '@oclif/core'
import Capture from '../../commands/capture.js'
import Check from '../../commands/check.js'
import Diagnose from '../../commands/diagnose.js'
import Explain from '../../commands/explain.js'
import Metrics from '../../commands/metrics.js'
import Overview from '../../commands/overview.js'
import Owns from '../../commands/owns.js'
import Pod from '../../commands/pod.js'
import Report from '../../commands/report.js'
import Serve from '../../commands/serve.js'
import Views from '../../commands/views.js'
import Watch from '../../commands/watch.js'

export const COMMANDS: Record<string, Command.Class> = {
  capture: Capture,
  check: Check,
  diagnose: Diagnose,
  explain: Explain,
  metrics: Metrics,
  overview: Overview,
  owns: Owns,
  pod: Pod,
  report: Report,
  serve: Serve,
  views: Views,
  watch: Watch,
}
