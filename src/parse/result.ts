// Parsers are total: they return a value or a typed error that carries the offending input, never throw.
export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string}

export const ok = <T>(value: T): Parsed<T> => ({ok: true, value})
export const fail = <T = never>(error: string): Parsed<T> => ({ok: false, error})

/** Quote a fragment of input for an error message, bounded so a huge file cannot flood the output. */
export function quote(input: string, max = 60): string {
  const s = input.length > max ? input.slice(0, max) + '…' : input
  return JSON.stringify(s)
}
