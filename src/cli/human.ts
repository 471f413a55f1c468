// The human side of `owns`, shared by the oclif command and the fast path.
import type {OwnsReport} from '../report/owns.js'
import {outputMode, renderSections} from '../render/output.js'
import {ownsSections} from '../render/owns-view.js'

export async function ownsHuman(report: OwnsReport, noColor = false): Promise<string> {
  const title = `guestview owns: what this container owns${report.root === '/' ? '' : ` (sysroot ${report.root})`}`
  return renderSections(title, ownsSections(report), outputMode(process.stdout, noColor))
}
