// The views and findings screens as data (sections of rows), for the text and Ink renderers.
import type {Finding} from '../findings/types.js'
import type {View} from '../views/types.js'
import type {Row, Section, Tone} from './owns-view.js'

const SCOPE_TONE: Record<View['scope'], Tone> = {
  host: 'warn',
  namespaced: 'normal',
  cgroup: 'good',
  virtualized: 'good',
  unavailable: 'dim',
}
const SEVERITY_TONE: Record<Finding['severity'], Tone> = {info: 'normal', warn: 'warn', crit: 'bad'}

export function viewsSections(views: View[]): Section[] {
  return [
    {
      title: 'sources the classic tools read, and their scope here',
      layout: 'stacked',
      rows: views.map((v): Row => ({
        label: `${v.source}: ${v.scope.toUpperCase()}`,
        value: `read by ${v.tools.join(', ')}`,
        note: v.evidence,
        tone: SCOPE_TONE[v.scope],
      })),
    },
  ]
}

export function findingsSections(findings: Finding[]): Section[] {
  if (findings.length === 0)
    return [{title: 'findings', rows: [{label: 'none', value: 'nothing misleading or alarming found', tone: 'good'}]}]
  return [
    {
      title: 'findings (most severe first)',
      layout: 'stacked',
      rows: findings.map((f): Row => ({
        label: `${f.severity.toUpperCase()} ${f.id}`,
        value: f.title,
        note: f.advice,
        tone: SEVERITY_TONE[f.severity],
      })),
    },
  ]
}
