// Small assertions the scenarios share. They compare with the values a scenario set, written as literals in
// the scenario, never with guestview's own arithmetic.
import * as assert from 'uvu/assert'
import {invariantProblems} from '../../scenarios/invariants.js'

export const MiB = 1024 * 1024

/** A Limit's contract keys ({state, value, source}); other keys a Limit may grow are not compared. */
export function expectLimit(
  actual: any,
  expected: {state: string; value: number | null; source: string},
  what: string,
) {
  assert.equal({state: actual?.state, value: actual?.value, source: actual?.source}, expected, what)
}

/** No NaN, Infinity, undefined or BigInt anywhere, and every Limit well formed (test/scenarios/invariants.ts). */
export function expectClean(report: unknown, what: string): void {
  assert.equal(invariantProblems(report), [], `${what}: report invariants`)
}

export function findingIds(findings: Array<{id: string}>): string[] {
  return findings.map((f) => f.id).sort()
}
