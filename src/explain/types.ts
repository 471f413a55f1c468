import type {FullReport} from '../report/full.js'
import type {Scope} from '../views/types.js'
import type {Paragraph} from '../doc/tokens.js'

export type SourceScope = {source: string; scope: Scope | 'unknown'; evidence: string}

export type Explanation = {
  tool: string
  /** What people type: "sar -n DEV", "kubectl top". */
  title: string
  /** Position in the talk's 60-second checklist, if it is there. */
  checklist: number | null
  summary: Paragraph
  reads: SourceScope[]
  fields: {field: string; meaning: Paragraph}[]
  yours: Paragraph[]
  instead: {command: string; why: Paragraph}[]
  /** The live values woven into the text, for --json consumers. */
  live: Record<string, unknown>
}

export type ExplanationBody = Omit<Explanation, 'tool' | 'title' | 'checklist'>

export type ToolSpec = {
  tool: string
  title: string
  aliases: string[]
  checklist: number | null
  /** argv for --run: bounded (interval 1, count 1), never through a shell. null: not runnable in a guest. */
  run: string[] | null
  /** Used when `run` takes only part of the output (dmesg | tail). */
  tailLines?: number
  /** The explanation's content; tool, title and checklist are filled in from the spec (see explainWith). */
  explain: (r: FullReport) => ExplanationBody
  /** For --run: an annotation for one output line, or null when the line needs none. */
  annotate?: (line: string, r: FullReport) => string | null
}
