// Characters a terminal draws one column wide, each a grapheme of its own: ASCII, Latin-1 (but the soft hyphen,
// which has no width, and © and ®, which can be emoji), Greek letters, general punctuation, box drawing and
// block elements (narrow or ambiguous: UAX #11; ambiguous ones are narrow in Ink's string-width, its default).
// A line of these is as wide as it is long. The build's edit of string-width takes the same ranges as its fast
// path (scripts/dependency-edits.mjs, NARROW_RANGES); Graphemes.test.ts checks that they are the same, and each
// character against ICU and string-width's own path.
export const ONE_COLUMN =
  /^[\u0020-\u007e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u00ff\u0391-\u03c9\u2010-\u2027\u2500-\u259f]*$/
