// Parsers are total: they return a value, or a reason that quotes the offending input; they never throw.
// This is a parser's small result only: whether that makes a value "malformed", and how the reason reads to a
// user, is decided once where the file is read (sysroot/read-field.ts, sysroot/outcome.ts).
export type Parsed<T> = {ok: true; value: T} | {ok: false; reason: string}

export const ok = <T>(value: T): Parsed<T> => ({ok: true, value})
export const fail = <T = never>(reason: string): Parsed<T> => ({ok: false, reason})

/** Quote a fragment of input for an error message, bounded so a huge file cannot flood the output. */
export function quote(input: string, max = 60): string {
  const s = input.length > max ? input.slice(0, max) + '…' : input
  return JSON.stringify(s)
}
