#!/usr/bin/env node
// Fast path first (no @oclif/core load for `owns --json`), then oclif for everything else.
import {fileURLToPath} from 'node:url'
import {runFast} from '../dist/src/cli/fast.js'

const argv = process.argv.slice(2)
// `guestview` alone (or with only flags, e.g. --root DIR / --no-color) is the overview screen.
const args =
  argv.length === 0 || (argv[0].startsWith('-') && !['--help', '-h', '--version', '-v'].includes(argv[0]))
    ? ['overview', ...argv]
    : argv
if (!(await runFast(args))) {
  const {execute} = await import('@oclif/core')
  // No user plugins: guestview installs none, and looking for them reads ~/.local/share/guestview, which
  // warns EACCES as uid 65534 with an unreadable HOME (the image's user; issue 13 item 11).
  const root = fileURLToPath(new URL('..', import.meta.url))
  await execute({args, loadOptions: {root, userPlugins: false}})
}
