// An explanation laid out as a document of blocks, the one shape both renderers (plain text and Ink)
// draw. Content lives in the tool files; layout lives here; neither touches the filesystem.
import type {Paragraph} from './tokens.js'
import {p, warn} from './tokens.js'
import type {Explanation} from './types.js'

export type RunResult = {
  argv: string[]
  status: 'ran' | 'not-installed' | 'not-runnable' | 'failed' | 'timed-out'
  exitCode: number | null
  message?: string
  lines: {text: string; note: string | null}[]
}

export type Block =
  | {b: 'title'; text: string; sub?: string}
  | {b: 'heading'; text: string}
  | {b: 'para'; tokens: Paragraph}
  | {b: 'pair'; key: string; tokens: Paragraph}
  | {b: 'bullet'; tokens: Paragraph}
  | {b: 'code'; head: string; lines: {text: string; note: string | null}[]}

const SCOPE_WORD = {
  host: 'HOST-WIDE',
  namespaced: 'namespaced',
  cgroup: 'your cgroup',
  virtualized: 'virtualized (lxcfs)',
  unavailable: 'unavailable',
  unknown: 'unknown',
} as const

export function explanationDoc(e: Explanation, run?: RunResult): Block[] {
  const blocks: Block[] = [
    {b: 'title', text: e.title, ...(e.checklist ? {sub: `step ${e.checklist} of the 60-second checklist`} : {})},
    {b: 'para', tokens: e.summary},
    {b: 'heading', text: 'what it reads, and its scope here'},
    ...e.reads.map((s): Block => ({
      b: 'pair',
      key: s.source,
      tokens:
        s.scope === 'host'
          ? [warn(SCOPE_WORD[s.scope]), ...p`: ${s.evidence}`]
          : p`${SCOPE_WORD[s.scope]}: ${s.evidence}`,
    })),
    {b: 'heading', text: 'reading its fields from the guest'},
    ...e.fields.map((f): Block => ({b: 'pair', key: f.field, tokens: f.meaning})),
    {b: 'heading', text: 'this container'},
    ...e.yours.map((y): Block => ({b: 'bullet', tokens: y})),
    {b: 'heading', text: 'run instead'},
    ...e.instead.map((i): Block => ({b: 'bullet', tokens: [{t: 'command', text: i.command}, ...p`: ${i.why}`]})),
  ]
  if (run) blocks.push(...runBlocks(run))
  return blocks
}

export function runBlocks(run: RunResult): Block[] {
  const head = `$ ${run.argv.join(' ')}`
  switch (run.status) {
    case 'ran':
      return [
        {b: 'heading', text: 'its real output here, annotated'},
        {b: 'code', head, lines: run.lines},
      ]
    case 'not-installed':
      return [
        {b: 'heading', text: 'its real output here'},
        {
          b: 'para',
          tokens: p`${run.argv[0]} is not installed in this container: the explanation above is all there is.`,
        },
      ]
    case 'not-runnable':
      return [
        {b: 'heading', text: 'its real output here'},
        {b: 'para', tokens: p`${run.message ?? 'this tool runs on the host, not in a guest'}`},
      ]
    default:
      return [
        {b: 'heading', text: 'its real output here'},
        {
          b: 'code',
          head: `${head}   (${run.status}${run.exitCode !== null ? `, exit ${run.exitCode}` : ''}: ${run.message ?? ''})`,
          lines: run.lines,
        },
      ]
  }
}
