// The load hook of test/dependency-edits-hook.mjs: each ES module of node_modules that scripts/dependency-edits.mjs
// edits is loaded with those edits made; an edit whose text is gone fails the load, as it fails the build.
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {EDITS} from '../scripts/dependency-edits.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const byUrl = new Map()
for (const e of EDITS) {
  const url = pathToFileURL(join(REPO, e.file)).href
  byUrl.set(url, [...(byUrl.get(url) ?? []), e])
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context)
  const edits = byUrl.get(url)
  if (!edits || loaded.format !== 'module' || loaded.source == null) return loaded
  let source = String(loaded.source)
  for (const e of edits) {
    if (!source.includes(e.from)) throw new Error(`${e.file} no longer holds \`${e.from}\`: remove that entry of EDITS`)
    source = source.replace(e.from, e.to)
  }
  return {...loaded, source}
}
