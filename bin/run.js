#!/usr/bin/env node
// Fast path first (no @oclif/core load for `owns --json`), then oclif for everything else.
import {runFast} from '../dist/src/cli/fast.js'

const argv = process.argv.slice(2)
// `guestview` alone (or with only flags, e.g. --root DIR / --no-color) is the overview screen.
const args =
  argv.length === 0 || (argv[0].startsWith('-') && !['--help', '-h', '--version', '-v'].includes(argv[0]))
    ? ['overview', ...argv]
    : argv
if (!(await runFast(args))) {
  const {execute} = await import('@oclif/core')
  await execute({args, dir: import.meta.url})
}
