#!/usr/bin/env node
// Fast path first (no @oclif/core load for `owns --json`), then oclif for everything else.
import {fileURLToPath} from 'node:url'
import {commandFirst} from '../dist/src/cli/argv.js'
import {runFast} from '../dist/src/cli/fast.js'

// The command first: `guestview --pid 7 owns` is `guestview owns --pid 7`; flags alone are the overview.
const args = commandFirst(process.argv.slice(2))
if (!(await runFast(args))) {
  const {execute} = await import('@oclif/core')
  // No user plugins: guestview installs none, and looking for them reads ~/.local/share/guestview, which
  // warns EACCES as uid 65534 with an unreadable HOME (the image's user; issue 13 item 11).
  const root = fileURLToPath(new URL('..', import.meta.url))
  await execute({args, loadOptions: {root, userPlugins: false}})
}
