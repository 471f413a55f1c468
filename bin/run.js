#!/usr/bin/env node
// Fast path first (no @oclif/core load for `owns --json`), then oclif for everything else.
import {runFast} from '../dist/src/cli/fast.js'

if (!(await runFast(process.argv.slice(2)))) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
