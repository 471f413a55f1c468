// The bundle's run manifest has each command's id, names and arguments only; before oclif draws help, the
// commands (the plugin's and the config's: the same objects, and a copy for each alias) and the topics made of
// them get their whole entries back, once. test/dist/manifest.live.test.ts checks the screens against bin/dev.js.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {fillForHelp} from '../../src/cli/help-manifest.js'

const FULL = {
  commands: {
    owns: {
      id: 'owns',
      aliases: ['own'],
      hidden: false,
      summary: 'What it owns',
      flags: {json: {name: 'json', type: 'boolean'}},
      args: {},
    },
    explain: {id: 'explain', description: 'How to read a tool', flags: {}, args: {tool: {name: 'tool'}}},
  },
}

function fakeConfig() {
  const owns = {id: 'owns', flags: {}, args: {}}
  const explain = {id: 'explain', flags: {}, args: {}}
  const alias = {id: 'own', hidden: true, flags: {}, args: {}}
  const topics = [{name: 'owns'}, {name: 'explain'}, {name: 'other', description: 'kept'}] as {
    name: string
    description?: string
  }[]
  const config = {
    plugins: new Map([['guestview', {commands: [owns, explain]}]]),
    commands: [owns, explain, alias],
    topics,
  }
  return {config, owns, explain, alias, topics}
}

test('help manifest: commands get their flags, arguments and texts back', () => {
  const {config, owns, explain, alias} = fakeConfig()
  fillForHelp(config as never, () => structuredClone(FULL))
  assert.equal(owns.flags, {json: {name: 'json', type: 'boolean'}})
  assert.is((owns as {summary?: string}).summary, 'What it owns')
  assert.equal(explain.args, {tool: {name: 'tool'}})
  // an alias's copy gets its command's entry, and keeps its own id and hidden
  assert.is(alias.id, 'own')
  assert.is(alias.hidden, true)
  assert.equal(alias.flags, {json: {name: 'json', type: 'boolean'}})
})

test('help manifest: topics made of commands get their descriptions; others are left', () => {
  const {config, topics} = fakeConfig()
  fillForHelp(config as never, () => structuredClone(FULL))
  assert.equal(
    topics.map((t) => t.description),
    ['What it owns', 'How to read a tool', 'kept'],
  )
})

test('help manifest: parsed once per config', () => {
  const {config} = fakeConfig()
  let parses = 0
  const full = () => (parses++, structuredClone(FULL))
  fillForHelp(config as never, full)
  fillForHelp(config as never, full)
  assert.is(parses, 1)
})

test.run()
