// The bundle's manifest gives a run each command's id, names and arguments only (scripts/build.mjs,
// manifestModule): oclif takes the flags of the command that runs from its class. Its help reads every
// command's flags, arguments and texts from the manifest, on every path that draws it (--help, a topic, a
// usage error that shows help): oclif's HelpBase calls this first (scripts/dependency-edits.mjs), and the
// commands get the rest of their entries back from the whole manifest.
import type {Config} from '@oclif/core'

/** Where oclif's HelpBase looks for it (a global: oclif's modules cannot import ours). */
export const BEFORE_HELP = Symbol.for('guestview.beforeHelp')

/** Give oclif's commands (and the topics it made of them) their whole manifest entries; once per config. */
export function fillForHelp(config: Config, full: () => {commands: Record<string, Entry>}): void {
  if (filled.has(config)) return
  filled.add(config)
  const entries = full().commands
  // Config.loadCommands keeps the plugin's command objects themselves, and a copy of one for each of its
  // aliases (its id the alias, hidden where the alias is): a copy keeps those two.
  const commands = new Set([...[...config.plugins.values()].flatMap((p) => p.commands), ...config.commands])
  for (const c of commands) {
    const entry = entries[c.id] ?? Object.values(entries).find((e) => e.aliases?.includes(c.id))
    if (entry) Object.assign(c, entry, {id: c.id, hidden: c.hidden})
  }
  // Config.loadTopics made a topic of each command, described by its summary or description (absent then).
  for (const t of config.topics) {
    const c = entries[t.name]
    if (c && t.description === undefined) t.description = c.summary || c.description
  }
}
const filled = new WeakSet<Config>()

type Entry = {aliases?: string[]; summary?: string; description?: string}
