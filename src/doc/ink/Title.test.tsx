import {Box} from 'ink'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {frameOf} from '../../../test/helpers/ink.js'
import {Title} from './Title.js'

test('a rounded box as wide as its container, the subtitle beside the title', () => {
  const frame = frameOf(
    <Box width={50} flexDirection="column">
      <Title text="free -m" sub="step 7 of the 60-second checklist" />
    </Box>,
  )
  const lines = frame.split('\n')
  assert.is(lines.length, 3)
  for (const l of lines) assert.is(l.length, 50)
  assert.match(lines[0]!, /^╭─+╮$/)
  assert.match(lines[1]!, /^│ free -m {2}step 7 of the 60-second checklist +│$/)
})

test('a title further down the document gets a blank line above it', () => {
  const frame = frameOf(
    <Box width={30} flexDirection="column">
      <Title text="first" />
      <Title text="second" first={false} />
    </Box>,
  )
  assert.is(frame.split('\n')[3], '')
  assert.match(frame.split('\n')[5]!, /│ second/)
})

test.run()
