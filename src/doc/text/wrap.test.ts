import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {wrap} from './wrap.js'

test('wrap: words fill the line after the indent, whitespace runs collapse', () => {
  assert.equal(wrap('one  two\tthree four', 30, '  '), ['  one two three four'])
  assert.equal(wrap('aaaa bbbb cccc dddd eeee ffff', 24, '    '), ['    aaaa bbbb cccc dddd', '    eeee ffff'])
})

test('wrap: a word longer than the line is cut, nothing passes the width', () => {
  const lines = wrap('from ' + '/x'.repeat(100), 40, '    ')
  for (const l of lines) assert.ok(l.length <= 40, l)
  assert.is(lines.join('').replace(/\s/g, ''), 'from' + '/x'.repeat(100))
})

test('wrap: nothing to wrap gives no lines; a narrow width still leaves 20 columns of text', () => {
  assert.equal(wrap('   ', 80, '  '), [])
  assert.equal(wrap('a b c', 10, ' '.repeat(30)), [' '.repeat(30) + 'a b c'])
})

test.run()
