import {Flags} from '@oclif/core'
import {GuestviewCommand} from '../src/cli/base.js'
import {noColorFlag, targetFlags} from '../src/cli/flags.js'
import {human} from '../src/cli/human.js'
import {SEVERITY_RANK, type Finding} from '../src/findings/types.js'
import {buildFull} from '../src/report/full.js'
import {checkDoc} from '../src/screens/check.js'
import type {Target} from '../src/target/target.js'

export default class Check extends GuestviewCommand {
  static summary = "What misleads right now: each finding puts the host's number beside what this container owns."
  static description =
    'With --fail-on, exits 1 when a finding at or above that severity exists (for CI jobs and probes).'
  static enableJsonFlag = true
  static flags = {
    ...targetFlags,
    'no-color': noColorFlag,
    'fail-on': Flags.option({
      options: ['warn', 'crit'] as const,
      description: 'exit 1 if a finding of this severity or worse exists',
    })(),
  }
  static examples = ['<%= config.bin %> check', '<%= config.bin %> check --fail-on crit --json']

  async run(): Promise<{target: Target; findings: Finding[]}> {
    const {flags} = await this.parse(Check)
    const opened = this.openFor(flags)
    const {findings, target} = buildFull(opened.sys)
    this.stillThere(opened)
    if (!this.jsonEnabled()) this.log(await human(checkDoc(opened.sys.rootDir, findings, target), flags['no-color']))
    const failOn = flags['fail-on']
    if (failOn && findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) process.exitCode = 1
    return {target, findings}
  }
}
