import {fileURLToPath} from 'node:url'
import {dirname, join} from 'node:path'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const FIXTURES = join(REPO, 'fixtures')
export const BIN = join(REPO, 'bin', 'run.js')
