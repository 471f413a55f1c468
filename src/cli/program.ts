// What dist/guestview.mjs runs: scripts/build.mjs bundles this module (the command index and the one
// dispatcher) into the single file, whose loader calls main() with the path oclif should take COMMANDS from.
// account.js and stdio.js come first: they must run before oclif and its dependencies load.
import './account.js'
import './stdio.js'

export {COMMANDS} from './commands.js'
export {main} from './main.js'
