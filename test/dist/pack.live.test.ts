// `npx guestview`: the package npm packs holds the single file and its bin, needs no dependency at all,
// installs from its tarball into an empty folder and runs, as `npx --yes ./guestview-*.tgz` does.
// npm pack runs without its prepack here (`npm run build`), because `npm test` has just built dist/.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, parseJson, run, which} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const NPM = which('npm')
const NPX = which('npx')
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'guestview-pack-'))
test.after(() => rmSync(work, {recursive: true, force: true}))

test('package.json: no runtime dependencies, a prepack that builds, the files the bin needs', () => {
  assert.equal(pkg.dependencies ?? {}, {})
  assert.is(pkg.scripts.prepack, 'npm run build')
  assert.equal(pkg.files, ['bin/run.js', 'dist/guestview.mjs', 'schema'])
  assert.equal(pkg.bin, {guestview: './bin/run.js'})
  assert.is(pkg.engines.node, '20 || 22 || 24')
})

const name = 'npm pack: installs from the tarball into an empty folder, and `npx --yes ./guestview-*.tgz` runs'
const why = !built() ? 'dist/guestview.mjs is not built: run `npm run build`' : !NPM || !NPX ? 'npm/npx not found' : null
if (why) skip(test, name, why)
else
  test(name, () => {
    const env = {npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false'}
    const packed = run(NPM!, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {env, timeoutMs: 120_000})
    assert.is(packed.status, 0, packed.stderr)
    // eslint-disable-next-line no-restricted-syntax -- npm's output, not guestview's
    const [info] = JSON.parse(packed.stdout) as {filename: string; files: {path: string}[]; unpackedSize: number}[]
    const paths = info!.files.map((f) => f.path).sort()
    // The JSON Schemas ship with the package (the contract, for consumers); nothing else beyond the program.
    assert.equal(
      paths.filter((p) => !p.startsWith('schema/')),
      ['README.md', 'bin/run.js', 'dist/guestview.mjs', 'package.json'],
    )
    assert.ok(paths.includes('schema/report.schema.json'), `no schema in the package: ${paths.join(' ')}`)
    console.log(`  pack: ${info!.filename}, ${(info!.unpackedSize / 1024).toFixed(0)} kB unpacked`)

    const empty = join(work, 'empty')
    mkdirSync(empty)
    const installed = run(NPM!, ['install', '--no-audit', '--no-fund', join(work, info!.filename)], {
      env,
      cwd: empty,
      timeoutMs: 120_000,
    })
    assert.is(installed.status, 0, installed.stderr)
    assert.equal(readdirSync(join(empty, 'node_modules')).filter((d) => !d.startsWith('.')), ['guestview'])
    const du = run('du', ['-sb', join(empty, 'node_modules')])
    console.log(`  pack: installed size ${(Number(du.stdout.split('\t')[0]) / 1024).toFixed(0)} kB, no dependencies`)
    const bin = run(join(empty, 'node_modules', '.bin', 'guestview'), ['owns', '--json'], {cwd: empty, timeoutMs: 60_000})
    assert.is(bin.status, 0, bin.stderr)
    assert.is(parseJson(bin, 'node_modules/.bin/guestview owns --json').schemaVersion, 2)

    const npx = run(NPX!, ['--yes', `./${info!.filename}`, 'owns', '--json'], {env, cwd: work, timeoutMs: 120_000})
    assert.is(npx.status, 0, `npx: ${npx.stderr}`)
    assert.is(checkJson(npx.stdout, ['owns', '--json'], 'npx --yes ./guestview-*.tgz owns --json').schemaVersion, 2)
  })

test.run()
