import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {title, type Doc} from './blocks.js'
import {drewWithInk, renderDoc} from './output.js'

const doc: Doc = [title('owns')]

// src/cli/main.ts ends a run that drew with Ink as soon as its command is done (V8's major GC after Ink is
// 10-30 ms of idle time before Node exits): only such a run, never one that printed plain text.
test('drewWithInk: false after plain text, true once a screen is drawn with Ink', async () => {
  await renderDoc(doc, {tty: false, color: false, columns: 80})
  assert.is(drewWithInk(), false)
  const frame = await renderDoc(doc, {tty: true, color: true, columns: 80})
  assert.ok(frame.includes('owns'))
  assert.is(drewWithInk(), true)
})

test.run()
