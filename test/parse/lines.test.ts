// parseLines: one entry per non-blank line, each line trimmed; the first failure fails the whole text; null
// skips a line that is no entry.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseLines} from '../../src/parse/lines.js'
import {fail, ok, type Parsed} from '../../src/parse/result.js'

const seen: string[] = []
const number = (line: string): Parsed<number> | null => {
  seen.push(line)
  if (line.startsWith('#')) return null
  return /^\d+$/.test(line) ? ok(Number(line)) : fail(`not a number: ${line}`)
}

test('entries in order; blank lines skipped, each line trimmed before the line parser sees it', () => {
  seen.length = 0
  assert.equal(parseLines('  1\n\n \t\n2  \r\n3', number), {ok: true, value: [1, 2, 3]})
  assert.equal(seen, ['1', '2', '3'])
})

test('null skips a line (a header) without an entry', () => {
  assert.equal(parseLines('# header\n4\n# again\n5\n', number), {ok: true, value: [4, 5]})
})

test('the first line that fails fails the whole text, and no later line is read', () => {
  seen.length = 0
  assert.equal(parseLines('1\nx\ny\n2', number), {ok: false, reason: 'not a number: x'})
  assert.equal(seen, ['1', 'x'])
})

test('an empty or blank text is no entries', () => {
  assert.equal(parseLines('', number), {ok: true, value: []})
  assert.equal(parseLines('\n \n', number), {ok: true, value: []})
})

test.run()
