// The one dispatcher: bin/run.js (through dist/guestview.mjs) and bin/dev.js (the TypeScript sources under
// tsx) both call main(), each with the module that exports COMMANDS.
//
// oclif reads its configuration from a package.json beside the CLI and globs a directory for commands. The
// single file has neither: the configuration is inline (Config.load takes `pjson` with `root`), and the
// commands come from oclif's `explicit` strategy, which loads `target` and takes its COMMANDS export
// (https://oclif.io/docs/command_discovery_strategies). The target is a module that is already loaded, so
// finding the commands reads no file. The one plugin is made here, told there is no manifest file to look
// for, and handed to Config.load: oclif then looks for no other plugins either (no user plugin directory
// to read), so a run reads nothing before its command (oclif's theme file only where help reads the theme:
// scripts/dependency-edits.mjs).
import {execute, handle, Plugin, settings, type Config, type Interfaces} from '@oclif/core'
import {basename, dirname} from 'node:path'
import {drewWithInk} from '../doc/output.js'
import {commandFirst} from './argv.js'
import {BEFORE_HELP, fillForHelp} from './help-manifest.js'
import {fullManifest, MANIFEST} from './manifest.js'
import {traceStart} from './trace-start.js'
import {VERSION} from './version.js'

/**
 * `guestview` alone, or with only flags (`--root DIR`, `--no-color`), is the overview screen; the target
 * flags may come before the command (`guestview --pid 7 owns`): see argv.ts.
 */
export function withDefaultCommand(argv: string[], commandIds: readonly string[]): string[] {
  return commandFirst(argv, commandIds)
}

/**
 * The one plugin, for the module whose COMMANDS export lists the commands (its absolute path). With `manifest`
 * (the bundle's: src/cli/manifest.ts) oclif takes the commands' descriptions from it and loads only the class
 * of the command that runs; without (bin/dev.js, the sources), it loads every class to describe them.
 */
function rootPlugin(commandsModule: string, manifest?: Interfaces.Manifest) {
  // No ts-node/tsx registration and no tsconfig lookups: the bundle is plain JavaScript, and bin/dev.js
  // already runs under `node --import tsx`.
  settings.enableAutoTranspile = false
  const root = dirname(commandsModule)
  const pjson = {
    name: 'guestview',
    version: VERSION,
    oclif: {
      bin: 'guestview',
      dirname: 'guestview',
      topicSeparator: ' ',
      commands: {strategy: 'explicit', target: `./${basename(commandsModule)}`, identifier: 'COMMANDS'},
    },
  } as Interfaces.PJSON
  // `manifest` is an option of the bundle's oclif only (scripts/dependency-edits.mjs).
  const options = {root, pjson, isRoot: true, ignoreManifest: true, ...(manifest && {manifest})}
  return {root, pjson, plugin: new Plugin(options)}
}

/** What oclif knows of every command (the build puts it in the bundle: scripts/build.mjs). */
export async function commandManifest(commandsModule: string): Promise<Interfaces.Manifest> {
  const {plugin} = rootPlugin(commandsModule)
  await plugin.load()
  return plugin.manifest
}

/** Run the CLI. `commandsModule`: absolute path of the module whose COMMANDS export lists the commands. */
export async function main(argv: string[], commandsModule: string): Promise<void> {
  traceStart('main()')
  const full = fullManifest
  if (full) Object.assign(globalThis, {[BEFORE_HELP]: (config: Config) => fillForHelp(config, full)})
  const {root, pjson, plugin} = rootPlugin(commandsModule, MANIFEST)
  try {
    await plugin.load()
    traceStart('plugin loaded')
  } catch (error) {
    return handle(error as Error)
  }
  await execute({
    args: withDefaultCommand(argv, plugin.commandIDs),
    loadOptions: {root, pjson, plugins: new Map([[pjson.name, plugin]])},
  })
  // Drawing a screen with Ink (React, yoga) leaves V8 a major GC under way, and Node waits for its background
  // marking before the process ends: 10-30 ms of idle time after the screen, under Node 20 and 22 (README
  // "Where a terminal run's time goes"). The command is done (its run() resolved) and its screen is on a
  // terminal, whose writes Node makes synchronously: nothing is left to wait for, so the run ends here
  // ('exit' listeners, such as the code cache's, still run).
  if (drewWithInk()) process.exit()
}
