// The load hook of test/dependency-edits-hook.mjs: each ES module of node_modules that scripts/dependency-edits.mjs
// edits is loaded with those edits made (applyEdits, as the build and the fast loop make them); an edit whose
// text is gone fails the load, as it fails the build.
import {fileURLToPath} from 'node:url'
import {applyEdits, EDITED_FILES} from '../scripts/dependency-edits.mjs'

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context)
  if (!url.startsWith('file:') || loaded.format !== 'module' || loaded.source == null) return loaded
  const path = fileURLToPath(url)
  if (!EDITED_FILES.test(path)) return loaded
  return {...loaded, source: applyEdits(path, String(loaded.source))}
}
