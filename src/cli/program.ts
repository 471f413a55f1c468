// What dist/guestview.mjs runs: scripts/build.mjs bundles this module (the command index and the one
// dispatcher) into the single file, whose loader calls main() with the path oclif should take COMMANDS from.
// account.js comes first: it must run before oclif and its dependencies load.
import './account.js'

export {COMMANDS} from './commands.js'
export {main} from './main.js'
