// Table-driven parser tests (the automaxprocs style: each case's name says what input it is). Each case
// expects a value (`want`, compared after an optional projection) or an error matching a pattern.
import type {Test} from 'uvu'
import * as assert from 'uvu/assert'
import type {Parsed} from '../../src/parse/result.js'

export type TableCase<W> = {name: string; input: string} & ({want: W} | {error: RegExp})

export function tableTests<T, W = T>(
  test: Test,
  cases: TableCase<W>[],
  parse: (input: string) => Parsed<T>,
  project: (v: T) => W = (v) => v as unknown as W,
  prefix = '',
): void {
  for (const c of cases) {
    test(prefix ? `${prefix}: ${c.name}` : c.name, () => {
      const got = parse(c.input)
      if ('error' in c) {
        assert.is(got.ok, false, `expected an error for ${JSON.stringify(c.input)}`)
        if (!got.ok) assert.match(got.reason, c.error)
      } else if (!got.ok) assert.unreachable(`unexpected error: ${got.reason}`)
      else assert.equal(project(got.value), c.want)
    })
  }
}
