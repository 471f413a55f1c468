// The `views` screen: every source the classic tools read, its scope here, and the evidence.
import {heading, rows, title, type Doc, type Row, type Tone} from '../doc/blocks.js'
import {line, list} from '../doc/tokens.js'
import type {View} from '../views/types.js'
import type {Target} from '../target/target.js'
import {note, sysrootSuffix, targetBlocks, whose} from './common.js'

const SCOPE_TONE: Record<View['scope'], Tone> = {
  host: 'warn',
  namespaced: 'normal',
  cgroup: 'good',
  virtualized: 'good',
  unavailable: 'dim',
}

/** `target`: whose views (--pid); `withTarget`: say so under the title (the report says it once, above). */
export function viewsDoc(root: string, views: View[], target?: Target | null, withTarget = true): Doc {
  return [
    title(`guestview views: what each source shows from ${whose(target)}${sysrootSuffix(root)}`),
    ...(withTarget ? targetBlocks(target) : []),
    heading('sources the classic tools read, and their scope here'),
    rows(
      'stacked',
      views.map((v): Row => ({
        key: `${v.source}: ${v.scope.toUpperCase()}`,
        value: line`read by ${list(v.tools)}`,
        note: note(v.evidence),
        tone: SCOPE_TONE[v.scope],
      })),
    ),
  ]
}
