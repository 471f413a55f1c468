// The import-boundary check (`npm run lint:boundaries`, part of `npm run lint` and .ci/run).
// dependency-cruiser, because it checks layers and cycles in one pass over the real module graph (type-only
// imports included), and keeps a known-violations baseline so the check can pass while the redesign branches
// remove today's upward imports.
//
// THE LAYER ORDER, written once: lowest first. A module may import its own layer and the layers before it,
// never a later one. Data flows up this list (sysroot -> parsers -> cgroup discovery -> model -> views ->
// findings -> report -> screens); see docs/architecture.md. Layers on one line are siblings: they may import
// each other (cycles are still forbidden).
const LAYERS = [
  ['parse'], // one total parser per kernel file format: pure, text in, value or error out
  ['sysroot'], // the only code that touches the filesystem for guest files; absent / denied / error decided here
  ['cgroup'], // discovery (v1/v2/hybrid, mount roots, namespace) and the per-version file readers
  ['model'], // what the container owns: tagged limits, the tightest-over-ancestors walk, host facts
  ['probes'], // capabilities, seccomp, namespaces, perf and dmesg verdicts
  ['views'], // the catalogue of host-facing sources and the classifier
  ['findings'], // one rule per file, each with a stable id
  ['report'], // composes the owns and full reports, and capture
  ['explain', 'diagnose', 'metrics'], // what the commands compute beyond the report
  ['screens'], // every screen built as a document from the report (drawn by src/doc's two renderers)
  ['cli'], // shared command plumbing: flags, errors, the fast path
  ['commands'], // oclif commands only (top-level commands/, not src/)
  ['entry'], // the composition root: the command index (src/cli/commands.ts) and the bundle's entry (program.ts)
]

// The composition root lives in src/cli beside the plumbing it starts, but sits above the commands it lists.
const ENTRY = '^src/cli/(commands|program)\\.ts$'

// Leaf modules: anyone may import them, and they import only each other. src/units holds the one number
// formatter; src/doc the document model (tokens, blocks) and its two renderers (plain text and Ink), which
// explanations, findings and screens build on; src/text makes outside text safe to print (controls escaped,
// lengths bounded).
const LEAVES = ['units', 'doc', 'text']

const dir = (name) => (name === 'commands' ? '^commands/' : name === 'entry' ? ENTRY : `^src/${name}/`)
const anyOf = (names) => `(${names.map(dir).join('|')})`
const KNOWN = anyOf([...LAYERS.flat(), ...LEAVES])

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.join('-')}`,
  severity: 'error',
  comment: `${layer.join(', ')} may import only ${LAYERS.slice(0, i + 1)
    .flat()
    .join(', ')} and the leaves (${LEAVES.join(', ')}); the layer order is LAYERS in .dependency-cruiser.cjs`,
  from: {path: anyOf(layer), pathNot: ENTRY},
  to: {path: anyOf(LAYERS.slice(i + 1).flat())},
}))

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'leaves-import-leaves-only',
      severity: 'error',
      comment: `${LEAVES.join(', ')} are leaves: anyone may import them, so they may import only each other`,
      from: {path: anyOf(LEAVES)},
      to: {path: '^(src|commands)/', pathNot: anyOf(LEAVES)},
    },
    {
      name: 'every-folder-has-a-layer',
      severity: 'error',
      comment: 'a folder under src/ that is not in LAYERS or LEAVES: add it to .dependency-cruiser.cjs',
      from: {path: '^src/', pathNot: KNOWN},
      to: {},
    },
    {
      name: 'every-imported-folder-has-a-layer',
      severity: 'error',
      comment: 'an import of a folder under src/ that is not in LAYERS or LEAVES: add it to .dependency-cruiser.cjs',
      from: {},
      to: {path: '^src/', pathNot: KNOWN},
    },
    {
      name: 'read-and-parse-belongs-to-sysroot',
      severity: 'error',
      comment:
        'readParsed (read a file, parse it: a value or a reason) is not cgroup-specific (issue 11, section 4): ' +
        'code outside src/cgroup reads through src/sysroot, not src/cgroup/read.ts',
      from: {pathNot: '^src/cgroup/'},
      to: {path: '^src/cgroup/read\\.ts$'},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'an import cycle: the modules in it cannot be understood, tested or moved one at a time',
      from: {},
      to: {circular: true},
    },
  ],
  options: {
    includeOnly: '^(src|commands)/',
    // Tests (the component tests kept beside src/doc's components among them) may import across layers.
    exclude: {path: '\\.test\\.tsx?$'},
    doNotFollow: {path: 'node_modules'},
    // Type-only imports count: a type that points upward couples the layers as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {extensions: ['.ts', '.tsx', '.js']},
  },
}
