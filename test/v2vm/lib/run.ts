// One run of the cgroup v2 VM: what the host must have (checked, and installed through apt where missing),
// the initramfs for this build and these scenarios, one boot, and the parsed results. The test file calls
// prepare() when it registers its tests (so a machine that cannot run the VM skips every scenario with the
// reason) and runVm() from its before-hook.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {built} from '../../helpers/live.js'
import {REPO} from '../../helpers/paths.js'
import {VM_CACHE, busybox, isMissing, kernel, qemu, utilLinux, type Kernel, type Missing} from './assets.js'
import {initramfs, type Tools} from './initramfs.js'
import {boot, consoleTail, type BootOutcome} from './qemu.js'
import {MARK, Outputs, parseResults, type RunResults} from './results.js'
import type {Scenario} from './scenario.js'

const SCENARIO_DIR = join(REPO, 'test', 'v2vm', 'scenarios')
const KEEP_RUNS = 3
/** The host's bound on one boot; the scenarios' own guest-side bounds are below it. */
export const DEADLINE_MS = Number(process.env.GUESTVIEW_VM_DEADLINE_S ?? 1800) * 1000

/** A console silent this long means a frozen guest: the guest prints a heartbeat every 20 s, yet gaps of 130 s
 * were seen under memory pressure in a healthy run, so the bound is generous. */
const SILENCE_MS = Number(process.env.GUESTVIEW_VM_SILENCE_S ?? 420) * 1000

export type Ready = {qemu: string; kernel: Kernel; tools: Tools}

/** Every scenarios/*.ts, in file-name order; each default-exports a Scenario. */
export async function loadScenarios(): Promise<Scenario[]> {
  const files = readdirSync(SCENARIO_DIR)
    .filter((n) => /\.ts$/.test(n))
    .sort()
  const out: Scenario[] = []
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(SCENARIO_DIR, f)).href)) as {default?: Scenario}
    if (!mod.default) throw new Error(`test/v2vm/scenarios/${f} has no default export (a Scenario)`)
    out.push(mod.default)
  }
  return out
}

export function prepare(): Ready | Missing {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {missing: `needs Linux on x86_64 (this is ${process.platform}/${process.arch})`}
  }
  if (!built()) return {missing: 'dist/ is not built: run `npm run build`'}
  if (process.getuid?.() !== 0 && !process.env.GUESTVIEW_TEST_CACHE) {
    return {missing: 'needs root (apt-get, the cache in /var/cache), or GUESTVIEW_TEST_CACHE and qemu installed'}
  }
  const q = qemu()
  if (isMissing(q)) return q
  const bb = busybox()
  if (isMissing(bb)) return bb
  const ul = utilLinux()
  if (isMissing(ul)) return ul
  const k = kernel()
  if (isMissing(k)) return k
  return {qemu: q, kernel: k, tools: {busybox: bb, ...ul, node: process.execPath}}
}

export type VmRun = {
  dir: string
  /** How qemu ended, in words. */
  how: string
  consoleTail: () => string
  results: RunResults
  outcome: BootOutcome
  image: {path: string; built: boolean; seconds: number}
  outputs: (scenario: string) => Outputs
}

export async function runVm(ready: Ready, scenarios: Scenario[], log: (line: string) => void): Promise<VmRun> {
  const t0 = Date.now()
  const image = initramfs(ready.tools, scenarios)
  if (isMissing(image)) throw new Error(`cannot build the initramfs: ${image.missing}`)
  const imageSeconds = (Date.now() - t0) / 1000
  log(`initramfs ${image.built ? 'built' : 'cached'} in ${imageSeconds.toFixed(1)} s: ${image.path}`)
  const first = await bootOnce(ready, image.path, log)
  // Under heavy host load a TCG guest has stalled in two ways: both vCPUs hung in the kernel (soft lockup;
  // softlockup_panic=1 ends the VM at once), and, once in CI, a guest that froze silently right after its
  // scenarios started (no console output at all for 30 minutes; the heartbeat watchdog now ends it after
  // SILENCE_MS). Such an emulation stall says nothing about guestview: boot once more, and say so. Any other
  // failure, or a second stall, is reported as it is.
  const stalled = (r: Attempt) =>
    !r.results.done && (r.outcome.silent || /soft lockup/.test(consoleTail(r.consoleLog, 200)))
  const attempt = stalled(first)
    ? (log(`guest kernel stalled (${first.dir}); booting again`), await bootOnce(ready, image.path, log))
    : first
  const {dir, results, outcome, consoleLog} = attempt
  const summary = {
    kernel: ready.kernel.version,
    image: {...image, seconds: imageSeconds},
    attempts: attempt === first ? 1 : 2,
    qemuSeconds: outcome.ms / 1000,
    bootSeconds: results.boot?.t ?? null,
    doneSeconds: results.done?.t ?? null,
    timedOut: outcome.timedOut,
    silent: outcome.silent,
    scenarios: Object.fromEntries([...results.ends].map(([id, e]) => [id, e])),
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n')
  pruneRuns(join(VM_CACHE, 'runs'))
  const how =
    (outcome.silent
      ? `qemu was killed after ${SILENCE_MS / 1000} s of console silence (a frozen guest)`
      : outcome.timedOut
        ? `qemu was killed at the ${DEADLINE_MS / 1000} s deadline`
        : `qemu exited ${outcome.exit ?? outcome.signal}${results.done ? '' : ' before the VM finished'}`) +
    (attempt === first ? '' : `, on the second boot (the first stalled: ${first.dir})`)
  // The console's tail is shown once, by the test that the VM ran to its end; other failures point there.
  const context = () =>
    `\n  (${how}; run directory ${dir}; the console's tail is under "booted, and every scenario...")`
  return {
    dir,
    how,
    consoleTail: () => consoleTail(consoleLog, 40),
    results,
    outcome,
    image: {...image, seconds: imageSeconds},
    outputs: (id) => new Outputs(id, results.outputs.get(id) ?? new Map(), results.ends.get(id) ?? null, context),
  }
}

type Attempt = {dir: string; consoleLog: string; results: RunResults; outcome: BootOutcome}

async function bootOnce(ready: Ready, initrd: string, log: (line: string) => void): Promise<Attempt> {
  const runs = join(VM_CACHE, 'runs')
  mkdirSync(runs, {recursive: true})
  const dir = mkdtempSync(join(runs, `${new Date().toISOString().replace(/[:.]/g, '-')}-`))
  const consoleLog = join(dir, 'console.log')
  const resultsLog = join(dir, 'results.log')
  log(`booting ${ready.kernel.version} under qemu (TCG, 2 vCPUs, 2 GiB); console: ${consoleLog}`)
  const outcome = await boot({
    qemu: ready.qemu,
    setpriv: ready.tools.setpriv,
    kernel: ready.kernel.vmlinuz,
    initrd,
    consoleLog,
    resultsLog,
    deadlineMs: DEADLINE_MS,
    silenceMs: SILENCE_MS,
    onRecord: (line) => log(progress(line)),
  })
  const results = parseResults(existsSync(resultsLog) ? readFileSync(resultsLog, 'latin1') : '')
  return {dir, consoleLog, results, outcome}
}

/** One line of progress for a result record (without its base64 payload). */
function progress(line: string): string {
  const text = line.slice(line.indexOf(MARK) + MARK.length)
  try {
    const r = JSON.parse(text) as Record<string, unknown>
    if (r.type === 'output') return `  ${r.scenario}: ${r.key} exit ${r.exit} in ${r.seconds} s`
    if (r.type === 'end') return `${r.scenario}: done, exit ${r.exit}, ${r.seconds} s`
    if (r.type === 'start') return `${r.scenario}: start at ${r.t} s`
    if (r.type === 'boot') return `/init running at ${r.t} s (kernel ${r.kernel})`
    if (r.type === 'done') return `all scenarios done at ${r.t} s`
  } catch {
    // a partial line: shown as is, cut
  }
  return text.slice(0, 120)
}

function pruneRuns(runs: string): void {
  const dirs = readdirSync(runs)
    .map((n) => ({path: join(runs, n), at: statSync(join(runs, n)).mtimeMs}))
    .sort((a, b) => b.at - a.at)
  for (const old of dirs.slice(KEEP_RUNS)) rmSync(old.path, {recursive: true, force: true})
}
