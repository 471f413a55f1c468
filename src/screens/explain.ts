// The `explain` screens: one explanation (what the tool reads and its scope here, how to read its fields
// from the guest, this container's numbers, what to run instead, and its real output annotated), the
// whole checklist (--all), and the list of tools. Content lives in src/explain/tools; layout lives here.
import {bullets, heading, para, rows, title, type Block, type Doc, type Row} from '../doc/blocks.js'
import {cmd, line, list, num, p, warn} from '../doc/tokens.js'
import {TOOLS} from '../explain/registry.js'
import type {RunResult} from '../explain/run.js'
import type {Explanation} from '../explain/types.js'
import type {Target} from '../target/target.js'
import {targetBlocks} from './common.js'

const SCOPE_WORD = {
  host: 'HOST-WIDE',
  namespaced: 'namespaced',
  cgroup: 'your cgroup',
  virtualized: 'virtualized (lxcfs)',
  unavailable: 'unavailable',
  unknown: 'unknown',
} as const

export function explanationDoc(e: Explanation, run?: RunResult): Doc {
  return [
    title(e.title, e.checklist ? `step ${e.checklist} of the 60-second checklist` : undefined),
    para(e.summary),
    heading('what it reads, and its scope here'),
    rows(
      'column',
      e.reads.map((s): Row => ({
        key: s.source,
        value:
          s.scope === 'host'
            ? [warn(SCOPE_WORD[s.scope]), ...p`: ${s.evidence}`]
            : p`${SCOPE_WORD[s.scope]}: ${s.evidence}`,
      })),
    ),
    heading('reading its fields from the guest'),
    rows(
      'column',
      e.fields.map((f): Row => ({key: f.field, value: f.meaning})),
    ),
    heading('this container'),
    bullets(e.yours),
    heading('run instead'),
    bullets(e.instead.map((i) => [cmd(i.command), ...p`: ${i.why}`])),
    ...(run ? runBlocks(run) : []),
  ]
}

export function runBlocks(run: RunResult): Block[] {
  const head = `$ ${run.argv.join(' ')}`
  switch (run.status) {
    case 'ran':
      return [heading('its real output here, annotated'), {b: 'code', head, lines: run.lines}]
    case 'not-installed':
      return [
        heading('its real output here'),
        para(p`${run.argv[0]} is not installed in this container: the explanation above is all there is.`),
      ]
    case 'not-runnable':
      return [heading('its real output here'), para(p`${run.message ?? 'this tool runs on the host, not in a guest'}`)]
    default:
      return [
        heading('its real output here'),
        {
          b: 'code',
          head: `${head}   (${run.status}${run.exitCode !== null ? `, exit ${run.exitCode}` : ''}: ${run.message ?? ''})`,
          lines: run.lines,
        },
      ]
  }
}

/** `guestview explain` alone: the tools it knows, checklist first. */
export function listDoc(): Doc {
  return [
    title('guestview explain TOOL', 'how to read each tool from inside a container'),
    para(
      p`Known tools, checklist first (add --run to run the tool and annotate its output, --all for the whole checklist):`,
    ),
    rows(
      'column',
      TOOLS.map((t): Row => ({
        key: t.title,
        value: [
          ...(t.checklist ? p`checklist step ${num(t.checklist, 'count')}` : p`also`),
          ...(t.aliases.length ? line`; also typed ${list(t.aliases)}` : []),
        ],
      })),
    ),
  ]
}

/** The explanations asked for, one after the other (each under its own title); none: the list. */
/** `target` (--pid): said once, under the first title, whose numbers the explanations use. */
export function explainDoc(tools: (Explanation & {run?: RunResult})[], target?: Target | null): Doc {
  if (tools.length === 0) return listDoc()
  const [first, ...rest] = tools.flatMap((t) => explanationDoc(t, t.run))
  return [first!, ...targetBlocks(target), ...rest]
}
