// The human side of each command: title + sections, rendered by Ink or as plain text.
import type {Finding} from '../findings/types.js'
import type {OwnsReport} from '../report/owns.js'
import {outputMode, renderSections} from '../render/output.js'
import {ownsSections} from '../render/owns-view.js'
import {findingsSections, viewsSections} from '../render/report-view.js'
import type {View} from '../views/types.js'

export async function ownsHuman(report: OwnsReport, noColor = false): Promise<string> {
  const title = `guestview owns: what this container owns${report.root === '/' ? '' : ` (sysroot ${report.root})`}`
  return renderSections(title, ownsSections(report), outputMode(process.stdout, noColor))
}

const where = (root: string) => (root === '/' ? '' : ` (sysroot ${root})`)

export async function viewsHuman(root: string, views: View[], noColor = false): Promise<string> {
  return renderSections(
    `guestview views: what each source shows from this container${where(root)}`,
    viewsSections(views),
    outputMode(process.stdout, noColor),
  )
}

export async function findingsHuman(root: string, findings: Finding[], noColor = false): Promise<string> {
  return renderSections(
    `guestview check: what misleads right now${where(root)}`,
    findingsSections(findings),
    outputMode(process.stdout, noColor),
  )
}

export async function diagnosisHuman(x: import('../diagnose/report.js').Diagnosis, noColor = false): Promise<string> {
  const {diagnosisSections} = await import('../diagnose/report.js')
  const title = `guestview diagnose: is the CPU throttled, and by what? (${x.interval} s interval)${where(x.root)}`
  return renderSections(title, diagnosisSections(x), outputMode(process.stdout, noColor))
}
