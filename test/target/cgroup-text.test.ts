// normalCgroupText keeps the kernel's text as it is when only its last newline is to go (the listing of a pod
// reads hundreds): on any text, the result must be that of trimming every line and dropping the empty ones.
import fc from 'fast-check'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {normalCgroupText} from '../../src/target/processes.js'

const reference = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')

test('the kernel text of a container: its last newline goes, nothing else', () => {
  const text = '13:pids:/pod/libpod-1\n12:cpu,cpuacct:/pod/libpod-1\n0::/pod/libpod-1\n'
  assert.is(normalCgroupText(text), text.slice(0, -1))
})

test('every text normalises as trimming each line and dropping empty lines', () => {
  const char = fc.constantFrom('1', ':', '/', 'a', ' ', '\t', '\r', '\n', '\u00a0')
  fc.assert(
    fc.property(
      fc.array(char, {maxLength: 40}).map((cs) => cs.join('')),
      (text) => {
        assert.is(normalCgroupText(text), reference(text), JSON.stringify(text))
      },
    ),
    {numRuns: 3000},
  )
})

test.run()
