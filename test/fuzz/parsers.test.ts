// A bounded sample of the parser property (bench/fuzz.mjs runs the full count).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {checkParsers, PARSERS} from './parsers.js'

const RUNS = Number(process.env.GUESTVIEW_FUZZ_PARSER_RUNS ?? 100)

test(`every parser (${PARSERS.length}) is total on ${RUNS} hostile texts each: no throw, NaN, Infinity or negative count`, () => {
  assert.is(checkParsers(RUNS), RUNS * PARSERS.length)
})

test.run()
