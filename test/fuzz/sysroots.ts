// Property over whole sysroots: take a fixture, corrupt one to three of its files (hostile text, truncation,
// binary, huge and negative numbers, `max` in odd places, duplicated keys, CRLF, a link inside the tree, a
// link out of it to a secret, a FIFO, an oversized file, a directory), and build everything in-process:
//   - no builder or renderer throws or hangs (each case well under a few seconds);
//   - no NaN, Infinity or undefined in the JSON or on screen, no raw control character on screen;
//   - "unknown" always carries a reason (test/scenarios/invariants.ts), and report and diagnose --json follow
//     their JSON Schemas (schema/);
//   - nothing outside the tree is read: the secret never appears anywhere;
//   - capture (every CAPTURE_EVERY-th case) writes nothing outside its directory.
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import {execFileSync} from 'node:child_process'
import {join, relative} from 'node:path'
import fc from 'fast-check'
import {computeDeltas, snapshot} from '../../src/diagnose/sample.js'
import {fromDeltas} from '../../src/diagnose/report.js'
import {renderDoc} from '../../src/doc/output.js'
import {explain} from '../../src/explain/explain.js'
import {metricsText} from '../../src/metrics/registry.js'
import {checkDoc} from '../../src/screens/check.js'
import {diagnoseDoc} from '../../src/screens/diagnose.js'
import {explainDoc} from '../../src/screens/explain.js'
import {overviewDoc} from '../../src/screens/overview.js'
import {ownsDoc} from '../../src/screens/owns.js'
import {viewsDoc} from '../../src/screens/views.js'
import {captureTo} from '../../src/report/capture.js'
import {buildFull} from '../../src/report/full.js'
import {Sysroot} from '../../src/sysroot/sysroot.js'
import {invariantProblems} from '../scenarios/invariants.js'
import {FIXTURES} from '../helpers/paths.js'
import {fileText} from './generators.js'
import {schemaProblems} from '../helpers/schema.js'

export const CAPTURE_EVERY = 25
const PLAIN = {tty: false, color: false, columns: 80}
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const NON_NUMBER = /\bNaN\b|\bInfinity\b|\bundefined\b/

type Corruption =
  | {c: 'text'; file: number; text: string}
  | {c: 'truncate'; file: number; at: number}
  | {c: 'link-in'; file: number; to: number}
  | {c: 'link-out'; file: number; absolute: boolean}
  | {c: 'fifo'; file: number}
  | {c: 'oversize'; file: number}
  | {c: 'dir'; file: number}

type Fixture = {name: string; source: string; work: string; files: string[]; samples: string[]}

export class SysrootFuzz {
  readonly scratch: string
  readonly secret: string
  readonly mark = `FUZZSECRET${process.pid}x${Date.now()}`
  readonly fixtures: Fixture[]
  cases = 0

  constructor(scratch: string) {
    this.scratch = scratch
    this.secret = join(scratch, 'secret')
    writeFileSync(this.secret, `${this.mark}\nMemTotal: 1 kB\n0::/${this.mark}\n`)
    this.fixtures = readdirSync(FIXTURES)
      .filter((n) => existsSync(join(FIXTURES, n, 'root')))
      .map((name) => {
        const source = join(FIXTURES, name, 'root')
        // The working copy is made when a case first picks the fixture (withCorrupted): a short run (the fast
        // loop's 25 cases) copies and removes only the fixtures it uses.
        const work = join(scratch, 'work', name)
        const files = listFiles(source)
        const samples = files.flatMap((f) => {
          try {
            return lstatSync(join(source, f)).isFile() ? [readFileSync(join(source, f), 'utf8').slice(0, 2000)] : []
          } catch {
            return []
          }
        })
        return {name, source, work, files, samples: samples.filter((s) => s.length > 0)}
      })
  }

  arbitrary(): fc.Arbitrary<{fixture: number; corruptions: Corruption[]}> {
    return fc.nat({max: this.fixtures.length - 1}).chain((fixture) => {
      const fx = this.fixtures[fixture]!
      const file = fc.nat({max: fx.files.length - 1})
      const corruption: fc.Arbitrary<Corruption> = fc.oneof(
        // The words NaN, Infinity and undefined are the parser fuzz's business: here the output is searched
        // for them, and a file that holds them is rightly quoted in a reason.
        {
          weight: 8,
          arbitrary: fc.record({c: fc.constant('text' as const), file, text: fileText(fx.samples).map(noWords)}),
        },
        {weight: 2, arbitrary: fc.record({c: fc.constant('truncate' as const), file, at: fc.nat({max: 200})})},
        {weight: 1, arbitrary: fc.record({c: fc.constant('link-in' as const), file, to: file})},
        {weight: 2, arbitrary: fc.record({c: fc.constant('link-out' as const), file, absolute: fc.boolean()})},
        {weight: 1, arbitrary: fc.record({c: fc.constant('fifo' as const), file})},
        {weight: 1, arbitrary: fc.record({c: fc.constant('oversize' as const), file})},
        {weight: 1, arbitrary: fc.record({c: fc.constant('dir' as const), file})},
      )
      return fc.record({fixture: fc.constant(fixture), corruptions: fc.array(corruption, {minLength: 1, maxLength: 3})})
    })
  }

  /** One case: corrupt, check every property, restore. Throws with the reason on a violation. */
  async check(input: {fixture: number; corruptions: Corruption[]}): Promise<void> {
    const fx = this.fixtures[input.fixture]!
    await this.withCorrupted(input, async () => {
      const n = ++this.cases
      await this.properties(fx, n % CAPTURE_EVERY === 0)
    })
  }

  /** Corrupt the fixture's working copy, run fn, restore the copy whatever happened. */
  async withCorrupted(input: {fixture: number; corruptions: Corruption[]}, fn: () => unknown): Promise<void> {
    const fx = this.fixtures[input.fixture]!
    const touched = new Set<string>()
    if (!existsSync(fx.work)) {
      mkdirSync(fx.work, {recursive: true})
      cpSync(fx.source, fx.work, {recursive: true, verbatimSymlinks: true})
    }
    try {
      for (const k of input.corruptions) this.apply(fx, k, touched)
      await fn()
    } catch (error) {
      const what = input.corruptions.map((k) => `${k.c} ${fx.files[k.file]}`).join(', ')
      throw new Error(`${fx.name} [${what}]: ${(error as Error).message}`, {cause: error})
    } finally {
      for (const f of touched) {
        rmSync(join(fx.work, f), {recursive: true, force: true})
        const src = join(fx.source, f)
        if (existsOrLink(src)) cpSync(src, join(fx.work, f), {recursive: true, verbatimSymlinks: true})
      }
    }
  }

  private apply(fx: Fixture, k: Corruption, touched: Set<string>): void {
    const f = fx.files[k.file]!
    const p = join(fx.work, f)
    touched.add(f)
    rmSync(p, {recursive: true, force: true})
    mkdirSync(join(p, '..'), {recursive: true})
    switch (k.c) {
      case 'text':
        writeFileSync(p, k.text, 'latin1')
        break
      case 'truncate':
        cpSync(join(fx.source, f), p, {verbatimSymlinks: true})
        if (lstatSync(p).isFile()) truncateSync(p, k.at)
        break
      case 'link-in':
        symlinkSync(relative(join(p, '..'), join(fx.work, fx.files[k.to]!)) || '.', p)
        break
      case 'link-out':
        symlinkSync(k.absolute ? this.secret : relative(join(p, '..'), this.secret), p)
        break
      case 'fifo':
        execFileSync('mkfifo', [p])
        break
      case 'oversize':
        writeFileSync(p, '')
        truncateSync(p, (8 << 20) + 1) // past every cap, mountinfo's too; sparse, so cheap to make
        break
      case 'dir':
        mkdirSync(p)
        break
    }
  }

  private async properties(fx: Fixture, capture: boolean): Promise<void> {
    const t0 = Date.now()
    const report = buildFull(new Sysroot(fx.work), new Date('2026-11-26T12:00:00Z'))
    const problems = invariantProblems(report)
    if (problems.length > 0) throw new Error(`report: ${problems.slice(0, 3).join('; ')}`)
    const json = JSON.stringify(report)
    if (json.includes(this.mark)) throw new Error('the report holds the secret from outside the tree')
    // The JSON contract holds on a corrupted tree too: every unknown with its reason and kind, no null number.
    const off = schemaProblems('report', JSON.parse(json))
    if (off.length > 0) throw new Error(`report --json off its schema: ${off.slice(0, 3).join('; ')}`)
    const texts = [
      await renderDoc(ownsDoc(report), PLAIN),
      await renderDoc(viewsDoc(report.root, report.views), PLAIN),
      await renderDoc(checkDoc(report.root, report.findings), PLAIN),
      await renderDoc(overviewDoc(report), PLAIN),
    ]
    const all = explain(report, {all: true})
    if (!all.ok) throw new Error(`explain --all: ${all.message}`)
    texts.push(await renderDoc(explainDoc(all.tools), PLAIN))
    const {text: metrics} = await metricsText([{container: 'self', report}])
    if (NON_NUMBER.test(metrics.replace(/\+Inf\b/g, ''))) throw new Error(`metrics: ${metrics.match(NON_NUMBER)}`)
    if (this.cases % 4 === 0) {
      const a = snapshot(new Sysroot(fx.work), 0)
      const b = snapshot(new Sysroot(fx.work), 1000)
      const x = fromDeltas(fx.work, 1, computeDeltas(a, b))
      if (invariantProblems(x).length > 0) throw new Error(`diagnose: ${invariantProblems(x).slice(0, 3).join('; ')}`)
      const offD = schemaProblems('diagnose', JSON.parse(JSON.stringify(x)))
      if (offD.length > 0) throw new Error(`diagnose --json off its schema: ${offD.slice(0, 3).join('; ')}`)
      texts.push(await renderDoc(diagnoseDoc(x), PLAIN))
    }
    for (const t of texts) {
      const bad = NON_NUMBER.exec(t)
      if (bad) throw new Error(`rendered "${bad[0]}": ${t.slice(Math.max(0, bad.index - 80), bad.index + 40)}`)
      if (RAW_CONTROL.test(t)) throw new Error('a raw control character on screen')
      if (t.includes(this.mark)) throw new Error('the secret on screen')
    }
    if (capture) this.checkCapture(fx)
    if (Date.now() - t0 > 10_000) throw new Error(`took ${Date.now() - t0} ms`)
  }

  /** capture of the corrupted tree: nothing written outside its directory, the secret not copied. */
  private checkCapture(fx: Fixture): void {
    const dir = join(this.scratch, 'captures', `c${this.cases}`)
    const before = topLevel(this.scratch)
    const r = captureTo(dir, fx.work, {version: 'fuzz', argv: []})
    // A tree whose proc/self/cgroup is gone is no sysroot: refusing it (exit 2) is right.
    if (!r.ok && /holds no proc\/self\/cgroup/.test(r.message)) return
    if (!r.ok) throw new Error(`capture refused: ${r.message}`)
    const after = topLevel(this.scratch)
    if (before !== after) throw new Error(`capture changed ${this.scratch}: ${before} -> ${after}`)
    if (readFileSync(this.secret, 'utf8').split('\n')[0] !== this.mark) throw new Error('the secret was overwritten')
    try {
      execFileSync('grep', ['-rqs', this.mark, dir])
      throw new Error('the capture holds the secret')
    } catch (error) {
      if ((error as {status?: number}).status !== 1) throw error
    }
    rmSync(dir, {recursive: true, force: true})
  }
}

const noWords = (t: string): string => t.replace(/NaN|Infinity|undefined/g, '1e999')

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = []
  for (const e of readdirSync(join(root, rel), {withFileTypes: true})) {
    const p = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) out.push(...listFiles(root, p))
    else out.push(p)
  }
  return out
}

const existsOrLink = (p: string): boolean => {
  try {
    lstatSync(p)
    return true
  } catch {
    return false
  }
}

/** The scratch directory's own entries and the secret's size: what a stray write would change. */
function topLevel(dir: string): string {
  return readdirSync(dir)
    .filter((n) => n !== 'captures')
    .sort()
    .join(',')
}
