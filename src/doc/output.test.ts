import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {title, type Doc} from './blocks.js'
import {drewWithInk, outputMode, renderDoc} from './output.js'

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

// scripts/ship-code-cache.mjs draws the overview with Ink into a pipe (the image's build has no terminal), to
// ship the Ink chunk's code cache: GUESTVIEW_DRAW_INK=1, and only that, colours a stream that is no terminal.
test('outputMode: a pipe is plain text, but with GUESTVIEW_DRAW_INK=1 (80 columns); --no-color still wins', () => {
  const pipe = {isTTY: false} as NodeJS.WriteStream
  const saved = {draw: process.env.GUESTVIEW_DRAW_INK, noColor: process.env.NO_COLOR, term: process.env.TERM}
  try {
    delete process.env.NO_COLOR
    process.env.TERM = 'xterm'
    delete process.env.GUESTVIEW_DRAW_INK
    assert.equal(outputMode(pipe), {tty: false, color: false, columns: 80})
    process.env.GUESTVIEW_DRAW_INK = '1'
    assert.equal(outputMode(pipe), {tty: false, color: true, columns: 80})
    assert.equal(outputMode(pipe, true), {tty: false, color: false, columns: 80})
  } finally {
    for (const [k, v] of [
      ['GUESTVIEW_DRAW_INK', saved.draw],
      ['NO_COLOR', saved.noColor],
      ['TERM', saved.term],
    ] as const)
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
})

test.run()
