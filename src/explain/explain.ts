// What `guestview explain` computes, apart from flags and printing: which tools, their explanations,
// optional runs, and the JSON to return. The screen is built from these by src/screens/explain.ts.
import type {FullReport} from '../report/full.js'
import {explainWith, findTools, TOOLS, toolNames} from './registry.js'
import {runTool, type RunResult} from './run.js'
import type {Explanation, ToolSpec} from './types.js'

export type ExplainResult = {ok: true; tools: (Explanation & {run?: RunResult})[]} | {ok: false; message: string}

/** No tool and no --all: no explanations (the screen lists the tools instead). */
export function explain(report: FullReport, opts: {tool?: string; all?: boolean; run?: boolean}): ExplainResult {
  let specs: ToolSpec[]
  if (opts.all) specs = TOOLS
  else if (opts.tool !== undefined) {
    specs = findTools(opts.tool)
    if (specs.length === 0) return {ok: false, message: `unknown tool "${opts.tool}". Known: ${toolNames().join(', ')}`}
  } else return {ok: true, tools: []}
  const tools = specs.map((s) => {
    const e = explainWith(s, report)
    return opts.run ? {...e, run: runTool(s, report)} : e
  })
  return {ok: true, tools}
}
