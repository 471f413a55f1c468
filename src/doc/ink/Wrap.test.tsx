// Ink wraps text with wrap-ansi; with Ink's own `trim: false`, a line that exactly filled the width pushed the
// space after it to the start of the next line, and a word cut hard kept a leading space: a ragged extra
// space in wrapped paragraphs and row notes on a terminal. The build edits Ink to trim at the wrap
// (scripts/dependency-edits.mjs); both test runs load Ink with that edit (test/unit-vendor.mjs,
// test/dependency-edits-hook.mjs). Every width in a range, so that some line fills it exactly.
import {Box} from 'ink'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {para, rows} from '../blocks.js'
import {p} from '../tokens.js'
import {DocView} from './DocView.js'
import {Rows} from './Rows.js'
import {frameOf} from '../../../test/helpers/ink.js'

const TEXT =
  'from ./memory.usage_in_bytes minus total_inactive_file in memory.stat, the working set as the kernel and cAdvisor count it'

test('a paragraph at every width from 20 to 60 columns: each wrapped line starts at the indent', () => {
  for (let width = 20; width <= 60; width++) {
    const frame = frameOf(<DocView doc={[para(p`${TEXT}`)]} width={width} />)
    const lines = frame.split('\n').filter((l) => l.trim() !== '')
    for (const line of lines) assert.match(line, /^ {2}\S/, `width ${width}: ${JSON.stringify(line)} in\n${frame}`)
    assert.is(lines.join('').replace(/\s/g, ''), TEXT.replace(/\s/g, ''), `width ${width}: no character lost`)
  }
})

test('a row note under its hanging indent, at every width from 30 to 70 columns: each line starts at the indent', () => {
  for (let width = 30; width <= 70; width++) {
    const frame = frameOf(
      <Box width={width}>
        <Rows block={rows('fit', [{key: 'working', value: p`1 MiB`, note: p`${TEXT}`}])} keyWidth={9} />
      </Box>,
    )
    for (const line of frame.split('\n').slice(1))
      assert.match(line, /^ {13}\S/, `width ${width}: ${JSON.stringify(line)} in\n${frame}`)
  }
})

test.run()
