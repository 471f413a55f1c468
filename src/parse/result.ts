// Parsers are total: they return a value, or a reason that quotes the offending input; they never throw.
// This is a parser's small result only: whether that makes a value "malformed", and how the reason reads to a
// user, is decided once where the file is read (sysroot/read-field.ts, sysroot/outcome.ts).
export type Parsed<T> = {ok: true; value: T; problems?: LineProblem[]} | {ok: false; reason: string}

/**
 * A line a parser could not read in a file it otherwise read: the value holds the good lines, and the bad
 * one is reported as a problem on that file. `key` names the value the line was for, when it can be told.
 */
export type LineProblem = {key: string | null; reason: string}

export const ok = <T>(value: T, problems?: LineProblem[]): Parsed<T> =>
  problems !== undefined && problems.length > 0 ? {ok: true, value, problems} : {ok: true, value}
export const fail = <T = never>(reason: string): Parsed<T> => ({ok: false, reason})

/** Quote a fragment of input for an error message, bounded so a huge file cannot flood the output. */
export function quote(input: string, max = 60): string {
  const s = input.length > max ? input.slice(0, max) + '…' : input
  return JSON.stringify(s)
}
