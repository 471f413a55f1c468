// Ink turns each line of a frame's cells back into text with ansi-tokenize's styledCharsToString, which the
// build replaces with one that writes nothing between two cells styled alike without computing their diff,
// and whose characters of one run of a style share one list of codes (scripts/dependency-edits.mjs). Both
// test runs load that edited copy (test/unit-vendor.mjs, test/dependency-edits-hook.mjs): checked here, on
// lines styled as Ink's chalk styles them, against ansi-tokenize's own function (below, as published).
import {
  ansiCodesToString,
  diffAnsiCodes,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
  type StyledChar,
} from '@alcalzone/ansi-tokenize'
import chalk from 'chalk'
import fc from 'fast-check'
import {Text, renderToString} from 'ink'
import {createElement} from 'react'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

/** ansi-tokenize 0.2.5's styledCharsToString (build/styledChars.js), as published. */
function published(chars: StyledChar[]): string {
  let ret = ''
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!
    if (i === 0) ret += ansiCodesToString(char.styles)
    else ret += ansiCodesToString(diffAnsiCodes(chars[i - 1]!.styles, char.styles))
    ret += char.value
    if (i === chars.length - 1) ret += ansiCodesToString(diffAnsiCodes(char.styles, []))
  }
  return ret
}

const BLANK: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: []}
const STYLES = ['dim', 'bold', 'cyan', 'yellow', 'green', 'red', 'gray', 'magenta'] as const
const styledRun = fc
  .record({text: fc.constantFrom('ab', 'x', ' yours, ', '█░', '·µ×'), styles: fc.subarray([...STYLES])})
  .map(({text, styles}) => styles.reduce<string>((s, name) => chalk[name](s), text))

test('styledCharsToString: the same text as the published function, on styled lines and blank cells', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    fc.assert(
      fc.property(fc.array(styledRun, {maxLength: 8}), fc.nat(6), fc.nat(6), (runs, before, after) => {
        const chars = styledCharsFromTokens(tokenize(runs.join('')))
        // A line of the grid: blank cells (one shared object, as Output#get makes them) around the text.
        const line = [...Array<StyledChar>(before).fill(BLANK), ...chars, ...Array<StyledChar>(after).fill(BLANK)]
        // ...and the same cells each with a list of its own, as the published styledCharsFromTokens made them.
        const copied = line.map((c) => ({...c, styles: [...c.styles]}))
        const expected = published(copied)
        assert.is(styledCharsToString(line), expected)
        assert.is(styledCharsToString(copied), expected)
      }),
    )
  } finally {
    chalk.level = level
  }
})

test('styledCharsFromTokens: the characters of one run share its codes, and no list is changed later', () => {
  const chars = styledCharsFromTokens(tokenize('\u001b[1mab\u001b[22mc\u001b[31;1mde\u001b[0m'))
  assert.is(chars[0]!.styles, chars[1]!.styles)
  assert.is.not(chars[1]!.styles, chars[2]!.styles)
  assert.is(chars[3]!.styles, chars[4]!.styles)
  assert.equal(
    chars.map((c) => c.styles.map((s) => s.code).join('')),
    ['\u001b[1m', '\u001b[1m', '', '\u001b[31m\u001b[1m', '\u001b[31m\u001b[1m'],
  )
})

// Ink's sanitizeAnsi returns a text whose only escape codes are SGR ones as it is, without tokenizing it (the
// build's edit); any other control sequence still goes through its tokenizer, which drops it.
test('a Text keeps its SGR codes and loses any other control sequence, beside SGR codes or not', () => {
  const level = chalk.level
  chalk.level = 3
  try {
    const draw = (text: string) => renderToString(createElement(Text, null, text), {columns: 40})
    const sgr = `${chalk.bold('bold')} ${chalk.dim(chalk.cyan('dim cyan'))}`
    assert.is(draw(sgr), sgr)
    assert.is(draw(`${sgr}\u001b[2A up`), `${sgr} up`)
    assert.is(draw(`up\u001b[2A ${sgr}`), `up ${sgr}`)
    assert.is(draw(`${sgr}\u009b2J clear`), `${sgr} clear`)
    assert.is(draw(`${sgr}\u001b[?25l hide`), `${sgr} hide`)
  } finally {
    chalk.level = level
  }
})

test.run()
