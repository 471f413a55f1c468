// Each read's text parsed once per parser: the Sysroot returns the same outcome for the same file all
// through a snapshot (and one outcome to every view for a file the kernel serves alike to all: kernel-global.ts),
// so mountinfo, read by discovery, the host view and the sysroot's own routing, is parsed once per view, and
// /proc/meminfo once for all the rows of `guestview pod`. Parsed values are shared: readers never change them.
import type {Parsed} from '../parse/result.js'

const parsedByRead = new WeakMap<object, Map<unknown, Parsed<unknown>>>()

export function parsedOnce<T>(r: object & {value: string}, parse: (text: string) => Parsed<T>): Parsed<T> {
  let byParser = parsedByRead.get(r)
  if (!byParser) parsedByRead.set(r, (byParser = new Map<unknown, Parsed<unknown>>()))
  let p = byParser.get(parse) as Parsed<T> | undefined
  if (!p) byParser.set(parse, (p = parse(r.value)))
  return p
}
