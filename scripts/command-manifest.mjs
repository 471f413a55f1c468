// node --import tsx scripts/command-manifest.mjs: oclif's manifest of the command index (src/cli/commands.ts),
// as JSON on stdout, for scripts/build.mjs to put in the bundle (src/cli/manifest.ts). oclif's explicit strategy
// takes COMMANDS from the module it is given: this one, as bin/dev.js does.
import {fileURLToPath} from 'node:url'
import {commandManifest} from '../src/cli/main.ts'

export {COMMANDS} from '../src/cli/commands.ts'

// Not awaited: oclif imports this module while commandManifest() runs (as bin/dev.js says).
void commandManifest(fileURLToPath(import.meta.url)).then((manifest) => process.stdout.write(JSON.stringify(manifest)))
