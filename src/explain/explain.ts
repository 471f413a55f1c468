// What `guestview explain` computes, apart from flags and printing: which tools, their explanations,
// optional runs, the document to render, and the JSON to return.
import type {FullReport} from '../report/full.js'
import {explanationDoc, type Block, type RunResult} from './doc.js'
import {explainWith, findTools, TOOLS, toolNames} from './registry.js'
import {runTool} from './run.js'
import {p} from './tokens.js'
import type {Explanation, ToolSpec} from './types.js'

export type ExplainResult =
  {ok: true; tools: (Explanation & {run?: RunResult})[]; doc: Block[]} | {ok: false; message: string}

export function listDoc(): Block[] {
  return [
    {b: 'title', text: 'guestview explain TOOL', sub: 'how to read each tool from inside a container'},
    {
      b: 'para',
      tokens: p`Known tools, checklist first (add --run to run the tool and annotate its output, --all for the whole checklist):`,
    },
    ...TOOLS.map((t): Block => ({
      b: 'pair',
      key: t.title,
      tokens: p`${t.checklist ? `checklist step ${t.checklist}` : 'also'}${t.aliases.length ? `; also typed ${t.aliases.join(', ')}` : ''}`,
    })),
  ]
}

export function explain(report: FullReport, opts: {tool?: string; all?: boolean; run?: boolean}): ExplainResult {
  let specs: ToolSpec[]
  if (opts.all) specs = TOOLS
  else if (opts.tool !== undefined) {
    specs = findTools(opts.tool)
    if (specs.length === 0) return {ok: false, message: `unknown tool "${opts.tool}". Known: ${toolNames().join(', ')}`}
  } else return {ok: true, tools: [], doc: listDoc()}
  const tools = specs.map((s) => {
    const e = explainWith(s, report)
    return opts.run ? {...e, run: runTool(s, report)} : e
  })
  const doc = tools.flatMap((t, i) => [
    ...(i > 0 ? [{b: 'heading', text: ' '} as Block] : []),
    ...explanationDoc(t, 'run' in t ? t.run : undefined),
  ])
  return {ok: true, tools, doc}
}
