// The command line as oclif expects it: the command first. `guestview --pid 7 owns --json` (the form the
// issue and Kubernetes examples use: the target first, then what to ask about it) becomes
// `owns --pid 7 --json`; flags alone (`guestview --root DIR`) are the overview screen, as before.
//
// Only the flags every report command takes are moved (--root, --pid, --pid-of with their values, and
// --no-color / --json); anything else before a command is left for oclif to reject with its own message.

const VALUE_FLAGS = new Set(['--root', '--pid', '--pid-of'])
const BOOLEAN_FLAGS = new Set(['--no-color', '--json'])
const TOP_LEVEL = new Set(['--help', '-h', '--version', '-v'])

/**
 * `commandIds`: the command names, as oclif found them in the command index (src/cli/commands.ts, the one
 * list of commands); a word before them is a command only if it is one of these.
 */
export function commandFirst(argv: string[], commandIds: readonly string[]): string[] {
  if (argv.length === 0) return ['overview']
  if (!argv[0]!.startsWith('-') || TOP_LEVEL.has(argv[0]!)) return argv
  let i = 0
  while (i < argv.length) {
    const a = argv[i]!
    const name = a.split('=')[0]!
    if (VALUE_FLAGS.has(name)) i += a.includes('=') ? 1 : 2
    else if (BOOLEAN_FLAGS.has(a)) i += 1
    else break
  }
  const next = argv[i]
  if (i < argv.length && next !== undefined && commandIds.includes(next))
    return [next, ...argv.slice(0, i), ...argv.slice(i + 1)]
  return ['overview', ...argv]
}
