// Real cgroup v2 (issue 12): one qemu boot of Debian's cloud kernel per test run, with the built CLI in its
// initramfs, runs every scenario in test/v2vm/scenarios/ and records their outputs; each scenario's checks
// are tests here, run on the host against those outputs. How it works and how to add a scenario:
// docs/v2-vm.md. A machine that cannot have qemu or the kernel skips every check with the reason; a VM
// that boots but fails is a failure.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {skip} from '../helpers/skip.js'
import {KNOWN_FAILURES} from './known-failures.js'
import {isMissing} from './lib/assets.js'
import {DEADLINE_MS, loadScenarios, prepare, runVm, type VmRun} from './lib/run.js'

const scenarios = await loadScenarios()
const ready = prepare()
const SUITE = 'v2 VM'

let run: VmRun | null = null
let runError: Error | null = null
const vm = (): VmRun => {
  if (runError) throw runError
  if (!run) throw new Error('the VM did not run')
  return run
}

test.before(async () => {
  if (isMissing(ready)) return
  const log = (line: string) => console.log(`  ${SUITE}: ${line}`)
  try {
    const started = Date.now()
    run = await runVm(ready, scenarios, log)
    log(`total ${((Date.now() - started) / 1000).toFixed(0)} s (qemu ${(run.outcome.ms / 1000).toFixed(0)} s)`)
  } catch (error) {
    runError = error as Error
  }
})

test('scenarios: ids are unique cgroup names, each scenario has checks', () => {
  const ids = scenarios.map((s) => s.id)
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`)
  for (const s of scenarios) {
    assert.match(s.id, /^[a-z0-9][a-z0-9-]*$/, `scenario id "${s.id}"`)
    assert.ok(Object.keys(s.checks).length > 0, `${s.id} has no checks`)
    assert.ok(s.timeoutSeconds * 1000 < DEADLINE_MS, `${s.id}: its bound is above the VM's deadline`)
  }
  const names = new Set(scenarios.flatMap((s) => Object.keys(s.checks).map((c) => `${s.id}: ${c}`)))
  for (const key of Object.keys(KNOWN_FAILURES)) assert.ok(names.has(key), `KNOWN_FAILURES names no check: ${key}`)
})

if (isMissing(ready)) {
  for (const s of scenarios) skip(test, `${SUITE}: ${s.id}`, `cgroup v2 VM cannot run here: ${ready.missing}`)
} else {
  test(`${SUITE}: booted, and every scenario ran to its end within its bound`, () => {
    const r = vm()
    const {results} = r
    const where = `${r.how}; run directory ${r.dir}; console tail:\n${r.consoleTail()}`
    assert.ok(results.boot, `no boot record: /init never ran (${where})`)
    assert.equal(results.broken, [], 'result lines that do not parse')
    const ended = scenarios.map((s) => {
      const end = results.ends.get(s.id)
      return `${s.id}: ${end ? (end.exit === 137 ? 'killed at its bound' : 'ended') : 'never ended'}`
    })
    assert.equal(
      ended,
      scenarios.map((s) => `${s.id}: ended`),
      `not every scenario ended (${where})`,
    )
    assert.ok(results.done, `no done record: the VM stopped before /init finished (${where})`)
  })

  for (const s of scenarios) {
    for (const [check, fn] of Object.entries(s.checks)) {
      const name = `${s.id}: ${check}`
      const known = KNOWN_FAILURES[name]
      if (known) skip(test, `${SUITE}: ${name}`, `known bug: ${known}`)
      else test(`${SUITE}: ${name}`, () => fn(vm().outputs(s.id)))
    }
  }

  const known = scenarios.flatMap((s) =>
    Object.entries(s.checks)
      .filter(([check]) => KNOWN_FAILURES[`${s.id}: ${check}`])
      .map(([check, fn]) => ({name: `${s.id}: ${check}`, fn, id: s.id})),
  )
  if (known.length > 0) {
    test(`${SUITE}: known failures still fail (delete a fixed one from test/v2vm/known-failures.ts)`, () => {
      const r = vm()
      const nowPass = known.filter(({fn, id}) => {
        try {
          fn(r.outputs(id))
          return true
        } catch {
          return false
        }
      })
      assert.equal(
        nowPass.map((k) => k.name),
        [],
        'these known failures pass now',
      )
    })
  }
}

test.run()
