#!/usr/bin/env node
// The npm entry: dist/guestview.mjs is the whole CLI in one file (`npm run build` makes it), the same file
// that runs on its own after `kubectl cp`. It dispatches as bin/dev.js does, through src/cli/main.ts.
import '../dist/guestview.mjs'
