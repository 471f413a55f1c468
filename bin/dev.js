#!/usr/bin/env -S node --import tsx --no-warnings
// Development entry: the TypeScript sources under tsx, no build. It dispatches as bin/run.js does, through
// main() in src/cli/main.ts; this module exports the command index, so oclif takes the commands from here.
import {fileURLToPath} from 'node:url'
import '../src/cli/account.js' // before oclif loads: see there
import '../src/cli/stdio.js' // before oclif loads: see there
import {main} from '../src/cli/main.js'

export {COMMANDS} from '../src/cli/commands.js'

// Not awaited: oclif imports this module while main() runs, and a module still in its top-level await
// would wait for itself.
void main(process.argv.slice(2), fileURLToPath(import.meta.url))
