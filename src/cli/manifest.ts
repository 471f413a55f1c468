// oclif's command manifest (every command's id, flags, arguments and help texts), as a plugin's
// oclif.manifest.json holds it. Undefined in the sources (bin/dev.js: oclif describes every command class as it
// starts); scripts/build.mjs puts the bundle's here, made from the same classes (commandManifest in main.ts),
// so that a run of the single file loads only its own command's class. MANIFEST is what a run needs (ids, names
// and arguments: each command's flags and texts are left out); fullManifest() is all of it, for help
// (src/cli/help-manifest.ts).
import type {Interfaces} from '@oclif/core'

export const MANIFEST: Interfaces.Manifest | undefined = undefined
export const fullManifest: (() => Interfaces.Manifest) | undefined = undefined
