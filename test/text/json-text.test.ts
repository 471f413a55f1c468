// `--json` output is JSON.stringify(forJson(result), null, 2): every string bounded to MAX_FIELD_CHARS.
// jsonText makes it without forJson's walk when the text shows no long line; the text must be the same in
// every case, including strings whose escapes make a long line of a short string, and long keys.
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {forJson, hasLongLine, jsonText, MAX_FIELD_CHARS} from '../../src/text/safe.js'

const reference = (v: unknown) => JSON.stringify(forJson(v), null, 2)

test('the same text as forJson then JSON.stringify', () => {
  const long = 'x'.repeat(MAX_FIELD_CHARS + 1)
  const cases: unknown[] = [
    {a: 1, b: 'short', c: [1, 'two', {d: null}]},
    {a: long},
    {a: [[{b: long}]]},
    {[long]: 'a key is not capped'},
    {a: '\n'.repeat(MAX_FIELD_CHARS - 10)}, // escaped: a line twice as long, the string itself short
    {a: 'x'.repeat(MAX_FIELD_CHARS)},
    {a: 'é'.repeat(MAX_FIELD_CHARS + 1)},
    [long, 'short'],
    long,
    'short',
    {when: new Date(0), list: new Set([long])},
  ]
  for (const v of cases) assert.is(jsonText(v), reference(v))
  assert.ok(jsonText({a: long}).includes('more characters'))
})

test('random structures: the same text', () => {
  const str = fc.oneof(
    fc.string({maxLength: 20}),
    fc.constantFrom(
      'y'.repeat(MAX_FIELD_CHARS + 3),
      '"'.repeat(MAX_FIELD_CHARS / 2 + 1),
      'z'.repeat(MAX_FIELD_CHARS - 1),
    ),
  )
  const value = fc.letrec((tie) => ({
    node: fc.oneof({depthSize: 'small'}, str, fc.integer(), fc.constant(null), tie('arr'), tie('obj')),
    arr: fc.array(tie('node'), {maxLength: 4}),
    obj: fc.dictionary(fc.string({maxLength: 8}), tie('node'), {maxKeys: 4}),
  })).node
  fc.assert(
    fc.property(value, (v) => assert.is(jsonText(v), reference(v))),
    {numRuns: 300},
  )
})

test('hasLongLine finds a line longer than max exactly when there is one', () => {
  const text = fc.array(fc.constantFrom('a', '\n', 'bb'), {maxLength: 40}).map((cs) => cs.join(''))
  fc.assert(
    fc.property(text, fc.integer({min: 0, max: 8}), (t, max) =>
      assert.is(
        hasLongLine(t, max),
        t.split('\n').some((line) => line.length > max),
        JSON.stringify([t, max]),
      ),
    ),
    {numRuns: 5000},
  )
})

test.run()
