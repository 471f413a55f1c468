// Shared pieces of the explain tests (not a test file: the uvu pattern only picks *.test.ts(x)).
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {buildFull, type FullReport} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {docText} from '../../src/doc/text/render.js'
import {inlineText} from '../../src/doc/text/inline.js'
import type {Paragraph, Span, Unit} from '../../src/doc/tokens.js'
import {explanationDoc} from '../../src/screens/explain.js'
import type {Explanation} from '../../src/explain/types.js'
import {FIXTURES} from '../helpers/paths.js'

export const PLAIN = 'explain-v2-plain'
export const LXCFS = 'explain-v2-lxcfs'
export const rootOf = (name: string) => join(FIXTURES, name, 'root')

const cache = new Map<string, FullReport>()
/** One report per fixture (a fixed clock, so nothing depends on when the test runs). */
export function reportOf(name: string): FullReport {
  let r = cache.get(name)
  if (!r) {
    r = buildFull(new Sysroot(rootOf(name)), new Date('2026-11-26T12:00:00Z'))
    cache.set(name, r)
  }
  return r
}

/** Every fixture with a root/ tree, sorted. */
export function fixtureNames(): string[] {
  return existsSync(FIXTURES)
    ? readdirSync(FIXTURES)
        .filter((n) => statSync(join(FIXTURES, n)).isDirectory() && existsSync(join(FIXTURES, n, 'root')))
        .sort()
    : []
}

export function paragraphs(e: Explanation): Paragraph[] {
  return [e.summary, ...e.fields.map((f) => f.meaning), ...e.yours, ...e.instead.map((i) => i.why)]
}

export function tokens(e: Explanation): Span[] {
  return paragraphs(e).flat()
}

export type NumberToken = Extract<Span, {t: 'number'}>
export function numbers(e: Explanation): NumberToken[] {
  return tokens(e).filter((t): t is NumberToken => t.t === 'number')
}

/** Whether the explanation holds a number token of this value (to 1e-6 relative) and unit. */
export function hasNumber(e: Explanation, value: number, unit: Unit): boolean {
  return numbers(e).some(
    (t) => t.unit === unit && t.value !== null && Math.abs(t.value - value) <= Math.abs(value) * 1e-6 + 1e-9,
  )
}

export function describeNumbers(e: Explanation): string {
  return numbers(e)
    .map((t) => `${t.value}:${t.unit}`)
    .join(', ')
}

/** The whole explanation as one unwrapped string (for substring checks that wrapping would break). */
export function flatText(e: Explanation): string {
  return docText(explanationDoc(e), 100_000)
}

/** The text of the named field's meaning. */
export function field(e: Explanation, name: string): string {
  const f = e.fields.find((x) => x.field === name)
  if (!f) throw new Error(`${e.tool}: no field "${name}" (fields: ${e.fields.map((x) => x.field).join(' | ')})`)
  return inlineText(f.meaning)
}

/** Paths in a value where something is undefined, NaN or infinite (JSON.stringify would hide those). */
export function badValues(v: unknown, at = '$', out: string[] = []): string[] {
  if (v === undefined) out.push(`${at} is undefined`)
  else if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${at} is ${v}`)
  else if (typeof v === 'bigint') out.push(`${at} is a bigint`)
  else if (Array.isArray(v)) v.forEach((x, i) => badValues(x, `${at}[${i}]`, out))
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) badValues(x, `${at}.${k}`, out)
  return out
}

export const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/
export const stripAnsi = (s: string) =>
  s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '')
