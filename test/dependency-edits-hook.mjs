// npm test runs the test files under tsx, with the packages they import loaded from node_modules as they are
// installed; the CLI's bundle and the fast loop's bundle of them (test/unit-vendor.mjs) carry the edits of
// scripts/dependency-edits.mjs. This hook makes the same edits to the ES modules among those files as Node
// loads them, so that npm test too runs the code that ships (Ink's wrapping: src/doc/ink/Wrap.test.tsx).
// CommonJS packages (oclif, prom-client, debug, supports-color) are required outside the hooks in Node 20:
// their edits are start-up costs only, checked by the build and the fast loop.
import {register} from 'node:module'

register('./dependency-edits-loader.mjs', import.meta.url)
