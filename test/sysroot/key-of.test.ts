// keyOf: one line of a flat-keyed file as a Field. A file that had lines that could not be read (issue 12
// item 7) answers a key on a bad line as malformed, and a missing key as malformed too when some line could
// not be read at all (the key may have been on it); only a clean file's missing key is absent.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseFlatKeyed} from '../../src/parse/flat-keyed.js'
import {fileProblems, readField} from '../../src/sysroot/read-field.js'
import {keyOf} from '../../src/sysroot/outcome.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const STAT = '/sys/fs/cgroup/cpu.stat'
const read = (text: string) => {
  const sys = treeSysroot({files: {[STAT]: text}})
  return {sys, f: readField(sys, STAT, parseFlatKeyed)}
}

test('a good key of a file with a bad line is a value', () => {
  const {f} = read('usage_usec 5\nthrottled_usec x\n')
  assert.equal(keyOf(f, 'usage_usec'), {kind: 'value', value: 5n, path: STAT})
})

test('the key on the bad line is malformed, with the line quoted', () => {
  const {f} = read('usage_usec 5\nthrottled_usec x\n')
  assert.equal(keyOf(f, 'throttled_usec'), {
    kind: 'malformed',
    path: STAT,
    reason: `${STAT}: malformed: key throttled_usec: not an unsigned integer: "x"`,
  })
})

test('a missing key, where a line could not be read at all, is malformed (not absent)', () => {
  const {f} = read('usage_usec 5\n%%% garbage %%%\n')
  const k = keyOf(f, 'nr_periods')
  assert.is(k.kind, 'malformed')
  if (k.kind === 'malformed') assert.match(k.reason, /no nr_periods line, and 1 line\(s\) could not be read/)
})

test('a missing key of a clean file is absent', () => {
  const {f} = read('usage_usec 5\n')
  assert.is(keyOf(f, 'nr_periods').kind, 'absent')
})

test('the bad lines are problems on the file, once each, for the report', () => {
  const {sys, f} = read('usage_usec 5\nthrottled_usec x\n')
  readField(sys, STAT, parseFlatKeyed) // read again: still once
  assert.is(f.kind, 'value')
  assert.equal(fileProblems(sys), [{path: STAT, reason: `${STAT}: key throttled_usec: not an unsigned integer: "x"`}])
})

test.run()
