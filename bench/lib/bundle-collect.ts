// The code `bench/serve.ts --child-collect` measures, bundled as the single file bundles it: esbuild with
// scripts/build.mjs's settings that matter for speed (minified, target node20, no keepNames), from a
// checkout's sources (this one's, or another's for bench/serve-ab.ts). The figure is then the shipped code's:
// tsx's transform of the sources differs (it wraps every function it creates in a naming helper, which a
// profile of one collection shows at 2-3%).
import {build} from 'esbuild'
import {join} from 'node:path'

/** Bundles checkout's collector, targets and metrics renderer into outFile (an ES module); returns outFile. */
export async function bundleCollect(checkout: string, outFile: string): Promise<string> {
  await build({
    stdin: {
      contents: [
        `export {collectReports} from './src/serve/collector.js'`,
        `export {selfTargets} from './src/live/targets.js'`,
        `export {metricsText} from './src/metrics/registry.js'`,
      ].join('\n'),
      resolveDir: checkout,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // prom-client require()s Node's built-ins: give the ES module a require, as the loader gives the program.
    banner: {
      js: `import {createRequire as __gvRequire} from 'node:module'; const require = __gvRequire(import.meta.url);`,
    },
    outfile: outFile,
  })
  return outFile
}

export const collectBundlePath = (name: string): string =>
  join(process.cwd(), 'node_modules', '.cache', 'guestview', `bench-collect-${name}.mjs`)
