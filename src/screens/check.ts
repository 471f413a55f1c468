// The `check` screen: the findings, most severe first, each with its advice.
import {heading, rows, title, type Doc, type Row, type Tone} from '../doc/blocks.js'
import {text} from '../doc/tokens.js'
import type {Finding} from '../findings/types.js'
import type {Target} from '../target/target.js'
import {note, sysrootSuffix, targetBlocks} from './common.js'

const SEVERITY_TONE: Record<Finding['severity'], Tone> = {info: 'normal', warn: 'warn', crit: 'bad'}

/** `target`: whose findings (--pid); `withTarget`: say so under the title (the report says it once, above). */
export function checkDoc(root: string, findings: Finding[], target?: Target | null, withTarget = true): Doc {
  const head = [
    title(`guestview check: what misleads right now${sysrootSuffix(root)}`),
    ...(withTarget ? targetBlocks(target) : []),
  ]
  if (findings.length === 0)
    return [
      ...head,
      heading('findings'),
      rows('fit', [{key: 'none', value: [text('nothing misleading or alarming found')], tone: 'good'}]),
    ]
  return [
    ...head,
    heading('findings (most severe first)'),
    rows(
      'stacked',
      findings.map((f): Row => ({
        key: `${f.severity.toUpperCase()} ${f.id}`,
        value: [text(f.title)],
        note: note(f.advice),
        tone: SEVERITY_TONE[f.severity],
      })),
    ),
  ]
}
