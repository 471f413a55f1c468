// Integration: the built CLI in private cgroup namespaces on real cgroup v1 (this VM), where what the
// namespace shows is not the whole truth.
//   - A process in a sibling cgroup that joined the namespace with nsenter reads its own cgroup as
//     "/../<sibling>" (issue 12 item 1): it must not be placed under the mount, whose files belong to the
//     namespace root, another cgroup.
// Needs root and the v1/hybrid layout, nsenter and unshare (util-linux); otherwise skipped with the reason.
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readlinkSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {OwnsReport} from '../../src/report/owns.js'
import {
  TestCgroups,
  cgroupV1Unavailable,
  cleanupOnExit,
  commandExists,
  inCgroups,
  inFreshMounts,
  run,
  type Ran,
} from '../helpers/cgroups.js'
import {BIN, REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const DIST = join(REPO, 'dist', 'src', 'cli', 'fast.js')
const cg = new TestCgroups()
const holders: number[] = []

function unavailable(commands: string[]): string | null {
  if (!existsSync(DIST)) return `the built CLI is missing (${DIST}): run \`npm run build\` first`
  const missing = commands.find((c) => !commandExists(c))
  if (missing) return `\`${missing}\` is not installed (not on PATH)`
  return cgroupV1Unavailable()
}

function cgTest(name: string, commands: string[], fn: () => Promise<void>): void {
  const reason = unavailable(commands)
  if (reason) skip(test, name, reason)
  else
    test(name, async () => {
      try {
        await fn()
      } finally {
        await stopHolders()
      }
    })
}

// The holders are killed in each test's finally (before the after-hook removes the cgroups); this is the
// last resort when a test never got there.
cleanupOnExit(test, cg, () => {
  for (const pid of holders.splice(0)) killPid(pid)
})

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Kill the holders by PID and wait until they are gone, so their cgroups can be removed. */
async function stopHolders(): Promise<void> {
  const pids = holders.splice(0)
  for (const pid of pids) killPid(pid)
  for (let i = 0; i < 100 && pids.some((pid) => existsSync(`/proc/${pid}`)); i++) await sleep(20)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A process that holds a private cgroup namespace rooted at the cgroup `rel` (`unshare --cgroup` execs
 * `sleep` in the same process, so the PID spawned is the one in the namespace). Killed by PID in cleanup.
 */
async function namespaceHolder(rel: string): Promise<number> {
  const ours = readlinkSync('/proc/self/ns/cgroup')
  const argv = inCgroups(cg.procsFiles(rel), ['unshare', '--cgroup', 'sleep', '120'])
  const child = spawn(argv[0]!, argv.slice(1), {stdio: 'ignore'})
  const pid = child.pid
  if (pid === undefined) throw new Error('could not start the namespace holder')
  holders.push(pid)
  child.on('exit', () => {}) // reaped by node, so /proc/PID goes once it is killed
  for (let i = 0; i < 100; i++) {
    try {
      if (readlinkSync(`/proc/${pid}/ns/cgroup`) !== ours && readFileSync(`/proc/${pid}/comm`, 'utf8') === 'sleep\n')
        return pid
    } catch {
      // not there yet
    }
    await sleep(20)
  }
  throw new Error(`the namespace holder ${pid} did not unshare its cgroup namespace`)
}

function parseReport(r: Ran, what: string): OwnsReport {
  assert.is(r.timedOut, false, `${what} timed out; stderr: ${r.stderr}`)
  assert.is(r.code, 0, `${what} exited ${r.code} (${r.signal}); stderr: ${r.stderr}`)
  return JSON.parse(r.stdout) as OwnsReport
}

cgTest(
  'a process in a sibling cgroup, nsenter-ed into a private cgroupns with fresh mounts: "/../sibling" is not placed (issue 12 item 1)',
  ['unshare', 'nsenter'],
  async () => {
    // parent/ns-root (0.5 cores, 256 MiB, 50 pids) holds the namespace; parent/sibling (0.3 cores, 64 MiB,
    // 20 pids) is where the CLI runs. The fresh mounts show ns-root at their mount points.
    const parent = cg.create(cg.name())
    const nsRoot = cg.create(`${parent}/ns-root`, {
      periodUs: 100_000,
      quotaUs: 50_000,
      memoryBytes: 256 * 1024 * 1024,
      pidsMax: 50,
    })
    const sibling = cg.create(`${parent}/sibling`, {
      periodUs: 100_000,
      quotaUs: 30_000,
      memoryBytes: 64 * 1024 * 1024,
      pidsMax: 20,
    })
    const holder = await namespaceHolder(nsRoot)
    const cli = ['node', BIN, 'owns', '--json']
    const argv = inCgroups(cg.procsFiles(sibling), [
      'nsenter',
      `--target=${holder}`,
      '--cgroup',
      '--',
      ...inFreshMounts(cli),
    ])
    const r = parseReport(await run(argv, {timeoutMs: 20_000}), 'owns --json from the sibling')
    assert.is(r.cgroup.namespace, 'private')
    assert.is(r.cgroup.path, '/../sibling', 'the kernel writes the sibling relative to the namespace root')
    for (const h of r.cgroup.hierarchies.filter((x) => x.version === 'v1')) {
      assert.is(h.mountRoot, '/', `${h.mountPoint}: a fresh mount shows the namespace root`)
      assert.is(h.dir, null, `${h.mountPoint}: not placed`)
      assert.match(h.problem ?? '', /\/\.\.\/sibling is not below the mount root \/ /)
    }
    // Before the fix the walk read the mount point (ns-root's 0.5 cores, 256 MiB, 50 pids) as an ancestor.
    for (const [name, limit] of [
      ['cpu', r.cpu.limit],
      ['memory', r.memory.limit],
      ['pids', r.pids.limit],
    ] as const) {
      assert.is(limit.state, 'unknown', `${name}: ${JSON.stringify(limit)}`)
      if (limit.state === 'unknown') assert.is(limit.kind, 'unsupported', name)
    }
    assert.is(r.cpu.effectiveCores, null)
  },
)

test.run()
