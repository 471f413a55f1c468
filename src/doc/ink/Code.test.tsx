import {Box} from 'ink'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {Code} from './Code.js'
import {frameOf} from '../../../test/helpers/ink.js'

test('a framed block: the command line, the output cut (not wrapped) to the frame, notes under their line', () => {
  const frame = frameOf(
    <Box width={40}>
      <Code
        block={{
          b: 'code',
          head: '$ free -m',
          lines: [
            {text: 'Mem:  ' + '9'.repeat(60), note: 'the host total'},
            {text: '', note: null},
          ],
        }}
      />
    </Box>,
  )
  const lines = frame.split('\n')
  for (const l of lines) assert.ok(l.length <= 40, l)
  assert.match(lines[1]!, /│ {2}\$ free -m/)
  assert.match(lines[2]!, /│ {2}Mem: {2}9+…│/)
  assert.match(lines[3]!, /│ {4}\^ the host total/)
  assert.is(lines.length, 6)
})

test.run()
