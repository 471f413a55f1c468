// `watch` and `serve` about another container (issue 9 with issue 8's --pid, --pid-of, --pod), on real v1
// cgroups: target processes in cgroups with known limits, guestview itself in its own cgroup.
//  - watch --pid --json: the frame is the target's container (its quota, its cgroup, its label);
//  - watch --pid-of NAME: the same, found by the program's name;
//  - serve --pid: /metrics has container_spec_cpu_quota of the target's quota under the target's label,
//    /report is the target's report; when the target exits, serve keeps serving the last good values with
//    guestview_collection_error 1, and /healthz still answers;
//  - a target that exits mid-watch ends the watch with one line and exit 1;
//  - --pod with two target cgroups: two containers, each with its own quota, in watch --json, /metrics and
//    /report (schema/serve-pod-report.schema.json); the label of each is the name `pod --json` gives it
//    (its container ID's 12 hex digits, else its cgroup path), in serve --pod and metrics --pid alike;
//  - a bad PID, a gone PID, an unknown --pid-of, --pod with --pid: exit 2 with one line, nothing served;
//  - as uid 65534 without CAP_SYS_PTRACE against a root process: the permission error, exit 2, one line;
//    with --pod, watch has the container as unreadable (with why), and serve's /metrics has
//    guestview_container_readable{reason} 0 for it and none of its values, /report its reason.
// Every process is killed by its PID; the cgroups are removed afterwards.
import {spawn, type ChildProcess} from 'node:child_process'
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {cgroupV1Unavailable, cleanupOnExit, commandExists, inCgroups, run, TestCgroups} from '../helpers/cgroups.js'
import {BIN, REPO} from '../helpers/paths.js'
import {publicCopy} from '../helpers/public-copy.js'
import {assertSchema, cliJson} from '../helpers/schema.js'
import {exited, startServe, stop} from '../helpers/serve.js'
import {waitFor} from '../helpers/prometheus.js'
import {skip} from '../helpers/skip.js'

const cg = new TestCgroups()
const bin = mkdtempSync(join(tmpdir(), 'gv-livepid-'))
cleanupOnExit(test, cg, () => rmSync(bin, {recursive: true, force: true}))
const noCgroups = cgroupV1Unavailable()

const MiB = 1024 * 1024
/** A program name no other process has, for --pid-of (comm keeps 15 bytes). */
const PROGRAM = `gvlp${process.pid}`.slice(0, 15)
copyFileSync('/bin/sleep', join(bin, PROGRAM))

const targets: ChildProcess[] = []

/** A long sleep (under the unique program name) in cgroup `rel`; its PID once it has joined. */
async function targetIn(rel: string): Promise<number> {
  const argv = inCgroups(cg.procsFiles(rel), [join(bin, PROGRAM), '600'])
  const child = spawn(argv[0]!, argv.slice(1), {stdio: 'ignore'})
  targets.push(child)
  const pid = child.pid!
  await waitFor(`process ${pid} in ${rel}`, 10_000, () =>
    Promise.resolve(cg.read('cpu', rel, 'cgroup.procs').split('\n').includes(String(pid)) ? true : null),
  )
  return pid
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

test.after(() => {
  for (const c of targets) if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) kill(c.pid)
})

const guestview = (args: string[], timeoutMs = 60_000) =>
  run([process.execPath, BIN, ...args], {timeoutMs, cwd: REPO, env: {...process.env, NO_COLOR: '1'}})

type Limit = {state: string; value: number | null}
type WatchFrame = {
  containers: {
    container: string
    cgroupPath: string
    cpu: {limit: Limit}
    memory: {limit: Limit}
    pids: {limit: Limit}
  }[]
}

const sample = (text: string, name: string, label: string): string | undefined =>
  text.split('\n').find((l) => l.startsWith(`${name}{container="${label}"`))

const T_WATCH = 'watch --pid --json and --pid-of: the frames are the target container, its quota, cgroup and label'
const T_SERVE = 'serve --pid: the target quota under its label; the target exits: last good values + error gauge'
const T_ENDED = 'watch --pid: the target exits mid-watch: one line on stderr, exit 1'
const T_POD =
  '--pod with two cgroups: two containers with their own quotas (watch --json, /metrics, /report), labelled as pod names them (metrics --pid too)'
if (noCgroups) for (const name of [T_WATCH, T_SERVE, T_ENDED, T_POD]) skip(test, name, noCgroups)
else {
  test(T_WATCH, async () => {
    const A = cg.create(cg.name(), {quotaUs: 30_000, periodUs: 100_000, memoryBytes: 64 * MiB, pidsMax: 30})
    const pid = await targetIn(A)
    try {
      for (const sel of [
        ['--pid', String(pid)],
        ['--pid-of', PROGRAM],
      ]) {
        const r = await guestview(['watch', ...sel, '--json', '--interval', '0.3', '--count', '2'])
        assert.is(r.code, 0, `${sel.join(' ')}: ${r.stderr}`)
        const frames = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as WatchFrame)
        assert.is(frames.length, 2, r.stdout)
        for (const f of frames) {
          assert.is(f.containers.length, 1)
          const c = f.containers[0]!
          assert.is(c.container, `/${A}`, 'labelled by its cgroup path (no container ID in it)')
          assert.is(c.cgroupPath, `/${A}`)
          assert.equal([c.cpu.limit.state, c.cpu.limit.value], ['limited', 0.3], JSON.stringify(c.cpu.limit))
          assert.equal([c.memory.limit.state, c.memory.limit.value], ['limited', 64 * MiB])
          assert.equal([c.pids.limit.state, c.pids.limit.value], ['limited', 30])
        }
      }
    } finally {
      kill(pid)
    }
  })

  test(T_SERVE, async () => {
    const A = cg.create(cg.name(), {quotaUs: 30_000, periodUs: 100_000})
    const pid = await targetIn(A)
    const s = await startServe(['--pid', String(pid)])
    try {
      const text = await (await fetch(`${s.url}/metrics`)).text()
      assert.is(sample(text, 'container_spec_cpu_quota', `/${A}`), `container_spec_cpu_quota{container="/${A}"} 30000`)
      assert.is(
        sample(text, 'guestview_collection_error', `/${A}`),
        `guestview_collection_error{container="/${A}",reason=""} 0`,
      )
      assert.not.match(text, /container="self"/, 'every series is the target container, none ours')
      const report = (await (await fetch(`${s.url}/report`)).json()) as {target: {pid: number}; cgroup: {path: string}}
      assertSchema('report', report, '/report of serve --pid')
      assert.is(report.target.pid, pid)
      assert.is(report.cgroup.path, `/${A}`)

      kill(pid)
      const after = await waitFor('the error gauge after the target exited', 15_000, async () => {
        const t = await (await fetch(`${s.url}/metrics`)).text()
        return /^guestview_collection_error\{[^}]*\} 1$/m.test(t) ? t : null
      })
      const gauge = after.split('\n').find((l) => l.startsWith('guestview_collection_error{'))!
      assert.match(gauge, new RegExp(`container="/${A}",reason=".*process ${pid} \\(${PROGRAM}\\) has exited"\\} 1$`))
      assert.is(
        sample(after, 'container_spec_cpu_quota', `/${A}`),
        `container_spec_cpu_quota{container="/${A}"} 30000`,
        'the last good values are still served',
      )
      assert.ok((await fetch(`${s.url}/healthz`)).ok, '/healthz still answers')
      assert.ok((await fetch(`${s.url}/report`)).ok, '/report serves the last good report')
      assert.is(s.child.exitCode, null, `serve kept running: ${s.child.output()}`)
      s.child.kill('SIGTERM')
      const end = await exited(s.child, 5000)
      assert.is(end.code, 0, s.child.output())
    } finally {
      stop(s)
      kill(pid)
    }
  })

  test(T_ENDED, async () => {
    const A = cg.create(cg.name(), {quotaUs: 30_000, periodUs: 100_000})
    const pid = await targetIn(A)
    const child = spawn(process.execPath, [BIN, 'watch', '--pid', String(pid), '--interval', '0.3'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, NO_COLOR: '1'},
    })
    const r = {stdout: '', stderr: '', code: null as number | null}
    child.stdout.on('data', (d) => (r.stdout += d))
    child.stderr.on('data', (d) => (r.stderr += d))
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    const killer = setTimeout(() => child.pid !== undefined && kill(child.pid), 60_000)
    try {
      // The target exits after the first interval was printed.
      while (!r.stdout.includes('\n') && child.exitCode === null) await new Promise((ok) => setTimeout(ok, 50))
      kill(pid)
      r.code = await done
    } finally {
      clearTimeout(killer)
      if (child.pid !== undefined && child.exitCode === null) kill(child.pid)
    }
    assert.is(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`)
    const lines = r.stderr.trim().split('\n')
    assert.equal(lines, [`guestview watch: /${A}: process ${pid} (${PROGRAM}) has exited; stopped watching`])
    assert.match(r.stdout, new RegExp(`^\\S+ /${A} cpu `, 'm'), 'it watched before the target exited')
  })

  test(T_POD, async () => {
    const A = cg.create(cg.name(), {quotaUs: 30_000, periodUs: 100_000})
    const B = cg.create(cg.name(), {quotaUs: 50_000, periodUs: 100_000})
    const pids = [await targetIn(A), await targetIn(B)]
    try {
      const r = await guestview(['watch', '--pod', '--json', '--interval', '0.5', '--count', '1'])
      assert.is(r.code, 0, r.stderr)
      const f = JSON.parse(r.stdout.trim()) as WatchFrame
      const byName = new Map(f.containers.map((c) => [c.container, c]))
      assert.is(byName.get(`/${A}`)?.cpu.limit.value, 0.3, r.stdout.slice(0, 2000))
      assert.is(byName.get(`/${B}`)?.cpu.limit.value, 0.5)
      assert.ok(byName.has('self'), 'our own container is a row too')

      const plain = await guestview(['watch', '--pod', '--interval', '0.5', '--count', '1'])
      assert.is(plain.code, 0, plain.stderr)
      assert.match(plain.stdout, new RegExp(`^\\S+ /${A} cpu [^/]+/0\\.3 cores `, 'm'), plain.stdout)
      assert.match(plain.stdout, new RegExp(`^\\S+ /${B} cpu [^/]+/0\\.5 cores `, 'm'))

      const s = await startServe(['--pod'])
      try {
        const text = await (await fetch(`${s.url}/metrics`)).text()
        assert.is(
          sample(text, 'container_spec_cpu_quota', `/${A}`),
          `container_spec_cpu_quota{container="/${A}"} 30000`,
        )
        assert.is(
          sample(text, 'container_spec_cpu_quota', `/${B}`),
          `container_spec_cpu_quota{container="/${B}"} 50000`,
        )
        const report = (await (await fetch(`${s.url}/report`)).json()) as {
          containers: {container: string; report: {cgroup: {path: string}}}[]
        }
        assertSchema('serve-pod-report', report, '/report of serve --pod')
        const paths = new Map(report.containers.map((c) => [c.container, c.report.cgroup.path]))
        assert.is(paths.get(`/${A}`), `/${A}`)
        assert.is(paths.get(`/${B}`), `/${B}`)

        // The label contract: `pod` names each container by its ID (12 hex digits) or else its cgroup
        // path (its `label` field), and metrics --pid, serve --pid and serve --pod label its series with that
        // same name.
        type PodJson = {
          containers: {pid: number; cgroupPath: string | null; name: {containerId: string | null}; label: string}[]
        }
        const pod = cliJson<PodJson>(await guestview(['pod', '--json']), 'pod --json')
        for (const [pid, quota] of [
          [pids[0]!, 30000],
          [pids[1]!, 50000],
        ] as const) {
          const row = pod.containers.find((c) => c.pid === pid)
          assert.ok(row, `pod lists ${pid}`)
          const label = row.name.containerId?.slice(0, 12) ?? row.cgroupPath
          assert.is(row.label, label, "pod --json's label field is that name")
          const line = `container_spec_cpu_quota{container="${label}"} ${quota}`
          assert.ok(text.split('\n').includes(line), `serve --pod: ${line}`)
          const one = await guestview(['metrics', '--pid', String(pid)])
          assert.is(one.code, 0, one.stderr)
          assert.ok(one.stdout.split('\n').includes(line), `metrics --pid ${pid}: ${line}`)
        }
      } finally {
        stop(s)
      }
    } finally {
      for (const pid of pids) kill(pid)
    }
  })
}

const T_ERRORS = 'a bad, gone or unknown target, or --pod with --pid: exit 2 with one line, nothing served or drawn'
test(T_ERRORS, async () => {
  const gone = spawn('true')
  await new Promise((r) => gone.on('close', r))
  const cases: [string[], RegExp][] = [
    [['watch', '--pid', '0', '--json'], /^guestview watch: --pid 0: PIDs start at 1/],
    [['serve', '--pid', 'abc'], /^guestview serve: --pid "abc": not a process ID/],
    [
      ['watch', '--pid', String(gone.pid)],
      new RegExp(`^guestview watch: --pid ${gone.pid}: no process ${gone.pid} is visible here`),
    ],
    [
      ['serve', '--pid', String(gone.pid)],
      new RegExp(`^guestview serve: --pid ${gone.pid}: no process ${gone.pid} is visible here`),
    ],
    [
      ['serve', '--pid-of', `gvnone${process.pid}`],
      /^guestview serve: --pid-of gvnone\d+: no visible process is named/,
    ],
    [['watch', '--pod', '--pid', '1'], /^guestview watch: --pod and --pid both say whose container/],
    [['serve', '--pod', '--pid-of', 'x', '--listen', '127.0.0.1:0'], /^guestview serve: --pod and --pid-of both/],
  ]
  for (const [args, want] of cases) {
    const r = await guestview(args, 30_000)
    assert.is(r.code, 2, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`)
    assert.is(r.stdout, '', `${args.join(' ')}: printed ${r.stdout}`)
    const lines = r.stderr.trim().split('\n')
    assert.is(lines.length, 1, r.stderr)
    assert.match(lines[0]!, want)
  }
})

const T_PTRACE =
  'as uid 65534 against a root process: watch and serve --pid exit 2 with the ptrace line; watch --pod and serve --pod say they cannot read it'
const noSetpriv =
  noCgroups ??
  (process.getuid?.() !== 0
    ? 'not root: setpriv cannot take another uid'
    : !commandExists('setpriv')
      ? 'no setpriv (util-linux)'
      : null)
if (noSetpriv) skip(test, T_PTRACE, noSetpriv)
else
  test(T_PTRACE, async () => {
    const copy = publicCopy([join(REPO, 'dist', 'guestview.mjs')])
    const A = cg.create(cg.name(), {quotaUs: 30_000, periodUs: 100_000})
    const target = {pid: await targetIn(A)}
    const argv = ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--inh-caps=-all']
    try {
      for (const cmd of [
        ['watch', '--json'],
        ['serve', '--listen', '127.0.0.1:0'],
      ]) {
        const argv = ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--inh-caps=-all']
        const r = await run(
          [
            ...argv,
            process.execPath,
            copy.path('guestview.mjs'),
            cmd[0]!,
            '--pid',
            String(target.pid),
            ...cmd.slice(1),
          ],
          {
            timeoutMs: 30_000,
            env: {...process.env, NO_COLOR: '1'},
          },
        )
        assert.is(r.code, 2, `${cmd[0]}: exit ${r.code}: ${r.stdout}${r.stderr}`)
        assert.is(r.stdout, '', `${cmd[0]} printed ${r.stdout}`)
        const lines = r.stderr.trim().split('\n')
        assert.is(lines.length, 1, r.stderr)
        assert.match(
          lines[0]!,
          new RegExp(
            `^guestview ${cmd[0]}: --pid ${target.pid}: permission denied reading /proc/${target.pid}/root .*it runs as uid 0 and guestview as uid 65534, without CAP_SYS_PTRACE`,
          ),
        )
      }
      const pod = await run(
        [
          ...argv,
          process.execPath,
          copy.path('guestview.mjs'),
          'watch',
          '--pod',
          '--json',
          '--count',
          '1',
          '--interval',
          '0.5',
        ],
        {
          timeoutMs: 30_000,
        },
      )
      assert.is(pod.code, 0, pod.stderr)
      type PodFrame = {containers: {container: string}[]; unreadable?: {container: string; reason: string}[]}
      const frames = cliJson<PodFrame[]>(pod, 'watch --pod --json as uid 65534')
      assert.is(frames.length, 1, pod.stdout.slice(0, 500))
      const frame = frames[0]!
      assert.not.ok(
        frame.containers.some((c) => c.container === `/${A}`),
        'an unreadable container is no row of unknowns',
      )
      const u = frame.unreadable?.find((x) => x.container === `/${A}`)
      assert.ok(u, pod.stdout.slice(0, 1500))
      assert.match(u.reason, new RegExp(`^permission denied reading /proc/${target.pid}/root \\(${PROGRAM}\\)`))

      // serve --pod as uid 65534: the container it cannot read is marked, with why, and has no values.
      const s = await startServe(
        [],
        [...argv, process.execPath, copy.path('guestview.mjs'), 'serve', '--pod', '--listen', '127.0.0.1:0'],
      )
      try {
        const text = await (await fetch(`${s.url}/metrics`)).text()
        const readable = sample(text, 'guestview_container_readable', `/${A}`)
        assert.match(
          readable ?? '',
          new RegExp(
            `^guestview_container_readable\\{container="/${A}",reason="permission denied reading /proc/${target.pid}/root \\(${PROGRAM}\\)[^"]*"\\} 0$`,
          ),
          text.slice(0, 3000),
        )
        assert.is(
          sample(text, 'guestview_container_readable', 'self'),
          'guestview_container_readable{container="self",reason=""} 1',
        )
        assert.not.ok(
          text
            .split('\n')
            .some((l) => l.includes(`container="/${A}"`) && !l.startsWith('guestview_container_readable')),
          'no value of the unreadable container, not even an unknown',
        )
        const report = (await (await fetch(`${s.url}/report`)).json()) as {
          containers: {container: string}[]
          unreadable?: {container: string; reason: string}[]
        }
        assertSchema('serve-pod-report', report, '/report of serve --pod as uid 65534')
        assert.not.ok(report.containers.some((c) => c.container === `/${A}`))
        assert.match(
          report.unreadable?.find((x) => x.container === `/${A}`)?.reason ?? '',
          new RegExp(`^permission denied reading /proc/${target.pid}/root`),
        )
      } finally {
        stop(s)
      }
    } finally {
      kill(target.pid)
      copy.remove()
    }
  })

test.run()
