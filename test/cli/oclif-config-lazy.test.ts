// oclif's Config (with the build's edits: scripts/dependency-edits.mjs) builds its index of commands, their
// permutations and topics on first use where it cannot differ from its one plugin's list of commands; until
// then findCommand and commandIDs answer from that list. Its cache, config and data directories are worked out
// where first read. These tests load a config from a manifest (no command class is loaded) and check that a
// run's lookups leave the index unbuilt and give what the built index gives, and the directories' values.
// The fast loop's oclif carries the edits (test/unit-vendor.mjs); npm test loads oclif as installed
// (test/dependency-edits-hook.mjs edits ES modules only), so there this file bundles it with the edits first,
// as the fast loop does, into a directory of its own (about 1 s).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import * as installed from '@oclif/core'
import type {Config, Interfaces} from '@oclif/core'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'

const edited = (core: typeof installed): boolean =>
  core.Config.prototype.findCommand.toString().includes('_commandsOfOnlyPlugin')

/** oclif with the build's edits: as imported in the fast loop, else bundled here (removed after the tests). */
async function editedOclif(): Promise<{core: typeof installed; remove: () => void}> {
  if (edited(installed)) return {core: installed, remove: () => {}}
  const dir = mkdtempSync(join(tmpdir(), 'gv-oclif-edited-'))
  const remove = () => rmSync(dir, {recursive: true, force: true})
  try {
    const {vendor} = (await import(pathToFileURL(join(REPO, 'test', 'unit-vendor.mjs')).href)) as {
      vendor: (dir: string) => Promise<boolean>
    }
    await vendor(dir)
    writeFileSync(join(dir, 'entry.mjs'), "export * from '@oclif/core'\n")
    return {core: (await import(pathToFileURL(join(dir, 'entry.mjs')).href)) as typeof installed, remove}
  } catch (error) {
    remove()
    throw error
  }
}

const oclif = await editedOclif()
test.after(oclif.remove)
const {Config: ConfigClass, Plugin, settings} = oclif.core

type Entry = {id: string; aliases?: string[]}

function manifestOf(entries: Entry[]): Interfaces.Manifest {
  const commands = Object.fromEntries(
    entries.map((e) => [e.id, {aliases: [], hiddenAliases: [], args: {}, flags: {}, pluginName: 'gv', ...e}]),
  )
  return {version: '1.0.0', commands} as unknown as Interfaces.Manifest
}

async function configOf(entries: Entry[]): Promise<Config> {
  settings.enableAutoTranspile = false
  const root = '/nonexistent-guestview-test'
  const pjson = {
    name: 'gv',
    version: '1.0.0',
    oclif: {
      bin: 'gv',
      topicSeparator: ' ',
      commands: {strategy: 'explicit', target: './commands.js', identifier: 'COMMANDS'},
    },
  } as unknown as Interfaces.PJSON
  // `manifest` is an option of the edited oclif only (scripts/dependency-edits.mjs)
  const plugin = new Plugin({root, pjson, isRoot: true, ignoreManifest: true, manifest: manifestOf(entries)} as never)
  await plugin.load()
  return ConfigClass.load({root, pjson, plugins: new Map([['gv', plugin]])})
}

const ENTRIES = [{id: 'owns'}, {id: 'explain'}, {id: 'diagnose:lxcfs'}, {id: 'diagnose:psi'}]
const indexBuilt = (config: Config): boolean => !Object.getOwnPropertyDescriptor(config, '_topics')?.get
const onlyPlugin = (config: Config) => [...config.plugins.values()][0]!

test('lazy command index: the oclif under test carries the edit', () => {
  assert.ok(edited(oclif.core), "oclif bundled with the build's edits has no lazy command index")
})

test('lazy command index: a run looks up its command and the ids without building the index', async () => {
  const config = await configOf(ENTRIES)
  assert.not.ok(indexBuilt(config))
  assert.equal(config.commandIDs, ['diagnose:lxcfs', 'diagnose:psi', 'explain', 'owns'])
  assert.is(
    config.findCommand('owns'),
    onlyPlugin(config).commands.find((c) => c.id === 'owns'),
  )
  assert.is(config.findCommand('diagnose:psi')?.id, 'diagnose:psi')
  assert.not.ok(indexBuilt(config))
})

test('lazy command index: built on first use, with what stock oclif builds', async () => {
  const config = await configOf(ENTRIES)
  assert.is(config.findCommand('nosuch'), undefined)
  assert.ok(indexBuilt(config))
  assert.equal(
    config.commands.map((c) => c.id),
    ['diagnose:lxcfs', 'diagnose:psi', 'explain', 'owns'],
  )
  assert.equal(config.topics.map((t) => t.name).sort(), [
    'diagnose',
    'diagnose:lxcfs',
    'diagnose:psi',
    'explain',
    'owns',
  ])
  assert.is(config.findTopic('diagnose')?.name, 'diagnose')
  assert.is(
    config.findCommand('owns'),
    onlyPlugin(config).commands.find((c) => c.id === 'owns'),
  )

  const topicFirst = await configOf(ENTRIES)
  assert.is(topicFirst.findTopic('diagnose')?.name, 'diagnose')
  assert.ok(indexBuilt(topicFirst))
})

test('lazy command index: built at once where a command has an alias', async () => {
  const config = await configOf([...ENTRIES, {id: 'capture', aliases: ['cap']}])
  assert.ok(indexBuilt(config))
  assert.is(config.findCommand('cap')?.id, 'cap')
  assert.ok(config.commandIDs.includes('cap'))
})

test('lazy directories: worked out where first read, from the environment as stock oclif does', async () => {
  const saved = {...process.env}
  try {
    process.env.XDG_CACHE_HOME = '/xdg/cache'
    delete process.env.XDG_DATA_HOME
    delete process.env.GV_CACHE_DIR
    delete process.env.GV_DATA_DIR
    process.env.HOME = '/home/someone'
    process.env.GV_CONFIG_DIR = '/scoped/config'
    const config = await configOf(ENTRIES)
    for (const name of ['cacheDir', 'configDir', 'dataDir'])
      assert.ok(Object.getOwnPropertyDescriptor(config, name)?.get !== undefined, name)
    assert.is(config.cacheDir, '/xdg/cache/gv')
    assert.is(config.configDir, '/scoped/config')
    assert.is(config.dataDir, '/home/someone/.local/share/gv')
    // once read, a value like any other
    assert.is(Object.getOwnPropertyDescriptor(config, 'cacheDir')?.value, '/xdg/cache/gv')
    config.dataDir = '/elsewhere'
    assert.is(config.dataDir, '/elsewhere')
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
})

test.run()
