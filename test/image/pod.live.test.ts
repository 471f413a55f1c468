// `--pid` and `guestview pod` in real podman pods sharing one PID namespace (issue 8), as a Kubernetes pod
// with shareProcessNamespace (or `kubectl debug --target`) is: an app container (cpus 0.5, memory 192m,
// pids 40, a busy loop) and a guestview container with other limits (cpus 1, memory 256m, pids 64), with
// --cgroupns=private and with the host cgroupns. Then the ptrace rule (uid 65534 without CAP_SYS_PTRACE
// against a root app: exit 2 with the cause; the same uid: the report), and lxcfs over the app's
// /proc/meminfo only. And serve --pod beside the app: one container label each for the app (its ID, its
// quota) and guestview ("self"), the infra container left out.
//
// Shares the podman and the guestview image with test/image/podman.test.ts (images.ts, podman-shared.ts).
// Needs root, the hybrid v1 layout of these VMs, podman, runc and catatonit (installed when missing);
// otherwise every test is skipped with the reason. Every command is bounded; pods are removed afterwards.
import {existsSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import type {FullReport} from '../../src/report/full.js'
import type {PodContainer, PodReport} from '../../src/report/pod.js'
import type {View} from '../../src/views/types.js'
import {Deadline, ensurePackages, failure, LXCFS_PACKAGES, startLxcfs, type Lxcfs, type Run} from '../helpers/podman.js'
import {containerId, createPod, hostPidOf, nsPidOf, POD_PACKAGES, removePod, startInPod} from '../helpers/podman-pod.js'
import {sharedPodman} from '../helpers/images.js'
import {GUESTVIEW_IMAGE, guestviewImage} from '../helpers/podman-shared.js'
import {checkJson, schemaJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {onExit} from '../helpers/on-exit.js'

const IMAGE = GUESTVIEW_IMAGE
const MiB = 1024 * 1024
const deadline = new Deadline(10 * 60_000)
const NAMESPACES = ['private', 'host'] as const
/** The app: four busy loops, so that its 0.5-core quota throttles it even on a loaded machine. */
const BUSY = ['--entrypoint=sh', IMAGE, '-c', 'for i in 1 2 3 4; do (while :; do :; done) & done; wait']

const names = [
  'image',
  ...NAMESPACES.flatMap((ns) => [
    `--cgroupns=${ns}: --pid of the app reports 0.5 cores, 192 MiB and 40 pids, throttling rising`,
    `--cgroupns=${ns}: pod --json lists the app, guestview and the infra container with their own limits`,
  ]),
  ...NAMESPACES.map(
    (ns) =>
      `--cgroupns=${ns}: serve --pod: /metrics has one container label each for the app and guestview, the app's quota under its ID`,
  ),
  '--pid=container:APP (what kubectl debug --target does): --pid 1 is the app',
  'uid 65534 without CAP_SYS_PTRACE against a root app: exit 2 with the cause and the fixes; the same uid works',
  "lxcfs over the app's /proc/meminfo only: virtualized for --pid APP, host for guestview's own",
]

let why: string | null
if (process.platform !== 'linux') why = 'not Linux'
else if (process.getuid?.() !== 0) why = 'not root (podman with cgroupfs and --cgroup-parent needs root here)'
else if (!existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'))
  why = 'no cgroup v1 cpu controller at /sys/fs/cgroup/cpu: these pods are for the hybrid v1 layout of these VMs'
else why = ensurePackages(POD_PACKAGES, deadline)
const lxcfsWhy = why ?? (!existsSync('/dev/fuse') ? 'no /dev/fuse for lxcfs' : ensurePackages(LXCFS_PACKAGES, deadline))

if (why) {
  for (const n of names) skip(test, `pod: ${n}`, why.replace(/\s*\n\s*/g, ' | '))
} else {
  const pm = sharedPodman(deadline)
  const pods = new Set<string>()
  const containers = new Set<string>()
  let lx: Lxcfs | null = null
  let built = false
  let cleaned = false
  const cleanAll = (): string[] => {
    if (cleaned) return []
    cleaned = true
    const problems: string[] = []
    for (const p of pods) {
      const r = removePod(pm, p)
      if (r.status !== 0) problems.push(`pod rm ${p}: ${failure(r)}`)
    }
    for (const c of containers) {
      const r = pm.run(['rm', '-f', '-t', '0', c])
      if (r.status !== 0) problems.push(`rm ${c}: ${failure(r)}`)
    }
    const stopped = lx?.stop()
    if (stopped) problems.push(stopped)
    return problems // the podman itself goes at the end of the run (images.ts)
  }
  onExit(cleanAll)

  /** guestview in the pod, under its own limits (root unless flags say otherwise). */
  const gv = (pod: string, ns: string, args: string[], flags: string[] = ['--user=0']): Run =>
    pm.run(
      [
        'run',
        '--rm',
        `--pod=${pod}`,
        '--network=none',
        '--timeout=120',
        `--cgroupns=${ns}`,
        '--cpus=1',
        '--memory=256m',
        '--pids-limit=64',
        ...flags,
        IMAGE,
        ...args,
      ],
      120_000,
    )
  const json = <T>(r: Run, what: string): T => {
    assert.is(r.status, 0, `${what}: ${failure(r)}`)
    // The document is checked against its schema (the command is found in the image's argument list).
    const words = r.cmd.split(' ')
    return checkJson<T>(r.stdout, words.slice(words.indexOf(IMAGE) + 1), what)
  }
  const needImage = () => assert.ok(built, 'the image was not built (see "pod: image")')

  test('pod: image', () => {
    deadline.restart() // the packages were installed at import time; the tests start now
    pm.deadline = deadline
    const b = guestviewImage(pm)
    assert.ok(b.ok, b.ok ? '' : b.reason)
    built = b.ok
  })

  const state = new Map<string, {pod: string; appPid: number; appId: string}>()
  for (const ns of NAMESPACES) {
    test(`pod: --cgroupns=${ns}: --pid of the app reports 0.5 cores, 192 MiB and 40 pids, throttling rising`, async () => {
      needImage()
      const pod = `gvpod-${ns}`
      const r0 = createPod(pm, pod)
      assert.is(r0.status, 0, failure(r0))
      pods.add(pod)
      const app = `${pod}-app`
      startInPod(
        pm,
        pod,
        app,
        ['--user=0', `--cgroupns=${ns}`, '--cpus=0.5', '--memory=192m', '--pids-limit=40', BUSY[0]!],
        IMAGE,
        BUSY.slice(2),
      )
      const appPid = nsPidOf(hostPidOf(pm, app))
      state.set(ns, {pod, appPid, appId: containerId(pm, app)})
      const first = json<FullReport>(gv(pod, ns, ['owns', '--json', '--pid', String(appPid)]), 'owns --pid')
      // The form the Kubernetes examples use: the target first. Read again until the count moves (a few
      // seconds at most: each 100 ms period of a busy app over its quota is throttled).
      let second = first
      for (
        let i = 0;
        i < 5 && second.cpu.throttling?.throttledPeriods === first.cpu.throttling?.throttledPeriods;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 1500))
        second = json<FullReport>(gv(pod, ns, ['--pid', String(appPid), 'owns', '--json']), '--pid owns')
      }
      for (const r of [first, second]) {
        assert.is(r.target.pid, appPid)
        assert.is(r.target.comm, 'sh')
        assert.is(r.target.sameContainer, false, r.target.evidence)
        assert.is(r.cpu.limit.value, 0.5, JSON.stringify(r.cpu.limit))
        assert.is(r.memory.limit.value, 192 * MiB, JSON.stringify(r.memory.limit))
        assert.is(r.pids.limit.value, 40, JSON.stringify(r.pids.limit))
      }
      const t1 = first.cpu.throttling
      const t2 = second.cpu.throttling
      assert.ok(t1 && t2, 'throttling read')
      assert.ok(
        t2.throttledPeriods > t1.throttledPeriods,
        `throttled periods ${t1.throttledPeriods} -> ${t2.throttledPeriods}`,
      )
      console.log(`  pod ${ns}: app throttled ${t1.throttledPeriods} -> ${t2.throttledPeriods} periods`)
      // Our own report is still ours.
      const own = json<FullReport>(gv(pod, ns, ['owns', '--json']), 'owns')
      assert.is(own.cpu.limit.value, 1)
      assert.is(own.memory.limit.value, 256 * MiB)
      assert.is(own.target.self, true)
    })

    test(`pod: --cgroupns=${ns}: pod --json lists the app, guestview and the infra container with their own limits`, () => {
      needImage()
      const s = state.get(ns)
      assert.ok(s, 'the pod of the test before')
      const r = json<PodReport>(gv(s.pod, ns, ['pod', '--json']), 'pod --json')
      assert.is(r.visibility.scope, 'shared', r.visibility.why)
      const byPid = (pid: number) => r.containers.find((c) => c.pid === pid)
      const app = byPid(s.appPid)
      assert.ok(app, `the app (PID ${s.appPid}) in ${JSON.stringify(r.containers.map((c) => c.pid))}`)
      const limits = (c: PodContainer) => [
        c.owned?.cpu.limit.value,
        c.owned?.memory.limit.value,
        c.owned?.pids.limit.value,
      ]
      assert.equal(limits(app), [0.5, 192 * MiB, 40], app.error ?? '')
      assert.is(app.name.containerId, s.appId)
      assert.ok(app.owned?.cpu.throttling && app.owned.cpu.throttling.throttledPeriods > 0, 'the app is throttled')
      const self = r.containers.filter((c) => c.self)
      assert.is(self.length, 1, 'one row is this container')
      assert.equal(limits(self[0]!), [1, 256 * MiB, 64])
      const infra = r.containers.filter((c) => c.infra)
      assert.is(infra.length, 1, `the infra container: ${JSON.stringify(r.containers.map((c) => [c.pid, c.comm]))}`)
      assert.is(infra[0]!.pid, 1)
      assert.is(r.containers.length, 3)
      // The labels serve --pod and watch --pod give them (the next test finds the app's under its ID).
      assert.is(app.label, s.appId.slice(0, 12))
      assert.is(self[0]!.label, 'self')
      const text = gv(s.pod, ns, ['pod'])
      assert.is(text.status, 0, failure(text))
      assert.match(text.stdout, /\(this container\)/)
      assert.match(text.stdout, /\(pause\/infra container\)/)
      assert.match(text.stdout, new RegExp(`container ${s.appId.slice(0, 12)} \\(podman\\)`))
    })
  }

  // serve --pod as the Kubernetes sidecar example runs it, in the pod beside the app. The containers share
  // only the PID namespace (each has its own network namespace, --network=none), so the scrapes run inside
  // the server's container, on its loopback, with the image's own node.
  const scrape = (container: string, path: string): Run =>
    pm.run(
      [
        'exec',
        container,
        'node',
        '-e',
        `fetch('http://127.0.0.1:9323${path}').then(async (r) => { if (!r.ok) throw new Error('HTTP ' + r.status); process.stdout.write(await r.text()) }).catch((e) => { console.error(String(e)); process.exit(1) })`,
      ],
      60_000,
    )
  for (const ns of NAMESPACES)
    test(`pod: --cgroupns=${ns}: serve --pod: /metrics has one container label each for the app and guestview, the app's quota under its ID`, async () => {
      needImage()
      const s = state.get(ns)
      assert.ok(s, 'the pod of the tests before')
      const name = `${s.pod}-serve`
      containers.add(name)
      const started = pm.run([
        'run',
        '-d',
        `--pod=${s.pod}`,
        `--name=${name}`,
        '--network=none',
        '--timeout=300',
        `--cgroupns=${ns}`,
        '--cpus=1',
        '--memory=256m',
        '--pids-limit=64',
        '--user=0',
        IMAGE,
        'serve',
        '--pod',
        '--listen',
        '127.0.0.1:9323',
      ])
      assert.is(started.status, 0, failure(started))
      let text = ''
      for (let i = 0; i < 30 && text === ''; i++) {
        const r = scrape(name, '/metrics')
        if (r.status === 0) text = r.stdout
        else await new Promise((ok) => setTimeout(ok, 1000))
      }
      assert.ok(text, `no /metrics from serve --pod: ${pm.run(['logs', name]).stdout}`)
      const labels = new Set([...text.matchAll(/container="([^"]*)"/g)].map((m) => m[1]))
      const app = s.appId.slice(0, 12)
      assert.equal([...labels].sort(), [app, 'self'].sort(), 'the app and guestview; the infra container left out')
      const lines = text.split('\n')
      assert.ok(lines.includes(`container_spec_cpu_quota{container="${app}"} 50000`), text.slice(0, 3000))
      assert.ok(lines.includes(`container_spec_memory_limit_bytes{container="${app}"} ${192 * MiB}`))
      assert.ok(lines.includes('container_spec_cpu_quota{container="self"} 100000'))
      assert.ok(lines.includes(`guestview_container_readable{container="${app}",reason=""} 1`))
      assert.ok(lines.some((l) => l.startsWith(`container_cpu_cfs_throttled_periods_total{container="${app}"} `)))
      // /report: one entry per container, under the same labels; the app's is its report.
      const report = scrape(name, '/report')
      type PodServed = {containers: {container: string; report: FullReport}[]; unreadable?: unknown}
      assert.is(report.status, 0, failure(report))
      const body = schemaJson<PodServed>(report.stdout, 'serve-pod-report', `/report of serve --pod (${ns})`)
      assert.equal(body.containers.map((c) => c.container).sort(), [app, 'self'].sort())
      assert.is(body.unreadable, undefined)
      const theirs = body.containers.find((c) => c.container === app)!.report
      assert.equal([theirs.cpu.limit.value, theirs.memory.limit.value, theirs.pids.limit.value], [0.5, 192 * MiB, 40])
      const stopped = pm.run(['stop', '--time=10', name], 30_000)
      assert.is(stopped.status, 0, failure(stopped))
      const code = pm.run(['inspect', '--format={{.State.ExitCode}}', name])
      assert.is(code.stdout.trim(), '0', `serve's exit code on SIGTERM: ${code.stdout} ${code.stderr}`)
    })

  test('pod: --pid=container:APP (what kubectl debug --target does): --pid 1 is the app', () => {
    needImage()
    const app = 'gvdebug-app'
    containers.add(app)
    const started = pm.run([
      'run',
      '-d',
      `--name=${app}`,
      '--network=none',
      '--timeout=600',
      `--cgroup-parent=${pm.cgroupParent}`,
      '--cgroupns=private',
      '--user=0',
      '--cpus=0.5',
      '--memory=192m',
      '--pids-limit=40',
      ...BUSY,
    ])
    assert.is(started.status, 0, failure(started))
    const debug = (args: string[]) =>
      pm.run(
        ['run', '--rm', `--pid=container:${app}`, '--network=none', '--timeout=120', '--user=0', IMAGE, ...args],
        120_000,
      )
    const r = json<FullReport>(debug(['--pid', '1', 'owns', '--json']), '--pid 1 owns')
    assert.is(r.target.comm, 'sh')
    assert.equal([r.cpu.limit.value, r.memory.limit.value, r.pids.limit.value], [0.5, 192 * MiB, 40])
    const p = json<PodReport>(debug(['pod', '--json']), 'pod --json')
    assert.is(p.containers.length, 2, JSON.stringify(p.containers.map((c) => [c.pid, c.comm])))
    const first = p.containers.find((c) => c.pid === 1)
    assert.ok(first && !first.self, 'PID 1 is the app')
    assert.is(first.owned?.cpu.limit.value, 0.5)
    assert.is(p.containers.filter((c) => c.self).length, 1)
  })

  test('pod: uid 65534 without CAP_SYS_PTRACE against a root app: exit 2 with the cause and the fixes; the same uid works', () => {
    needImage()
    const s = state.get('host')
    assert.ok(s, 'the host-cgroupns pod')
    const nobody = ['--user=65534:65534', '--cap-drop=ALL', '--security-opt=no-new-privileges']
    const denied = gv(s.pod, 'host', ['owns', '--pid', String(s.appPid)], nobody)
    assert.is(denied.status, 2, failure(denied))
    assert.is(denied.stdout, '', 'nothing half-printed')
    const lines = denied.stderr.split('\n').filter((l) => l.trim() !== '')
    assert.is(lines.length, 1, denied.stderr)
    assert.match(denied.stderr, `--pid ${s.appPid}: permission denied reading /proc/${s.appPid}/root`)
    assert.match(denied.stderr, /runs as uid 0 and guestview as uid 65534, without CAP_SYS_PTRACE/)
    assert.match(denied.stderr, /runAsUser/)
    assert.not.match(denied.stderr, /\n\s+at /)
    // An app under the same uid: readable without any capability.
    const app = `${s.pod}-nobody`
    startInPod(pm, s.pod, app, ['--cgroupns=host', '--memory=100m', ...nobody, '--entrypoint=sleep'], IMAGE, ['600'])
    const pid = nsPidOf(hostPidOf(pm, app))
    const ok = json<FullReport>(gv(s.pod, 'host', ['owns', '--json', '--pid', String(pid)], nobody), 'same uid')
    assert.is(ok.memory.limit.value, 100 * MiB)
    assert.is(ok.target.pid, pid)
  })

  const lxcfsTest = `pod: ${names[names.length - 1]}`
  if (lxcfsWhy) skip(test, lxcfsTest, lxcfsWhy.replace(/\s*\n\s*/g, ' | '))
  else
    test(lxcfsTest, async () => {
      needImage()
      lx = await startLxcfs(pm)
      const pod = 'gvpod-lxcfs'
      const r0 = createPod(pm, pod)
      assert.is(r0.status, 0, failure(r0))
      pods.add(pod)
      const app = `${pod}-app`
      const meminfo = ['-v', `${lx.dir}/proc/meminfo:/proc/meminfo:ro`]
      startInPod(pm, pod, app, ['--user=0', '--memory=192m', ...meminfo, '--entrypoint=sleep'], IMAGE, ['600'])
      const pid = nsPidOf(hostPidOf(pm, app))
      const scope = (r: {views: View[]}, source: string) => r.views.find((v) => v.source === source)
      const theirs = json<{views: View[]} & FullReport>(
        gv(pod, 'host', ['views', '--json', '--pid', String(pid)]),
        'views --pid',
      )
      const ours = json<{views: View[]}>(gv(pod, 'host', ['views', '--json']), 'views')
      assert.is(scope(theirs, '/proc/meminfo')?.scope, 'virtualized', scope(theirs, '/proc/meminfo')?.evidence)
      assert.is(scope(theirs, '/proc/stat')?.scope, 'host', 'only meminfo is lxcfs in the app')
      assert.is(scope(ours, '/proc/meminfo')?.scope, 'host', scope(ours, '/proc/meminfo')?.evidence)
      const report = json<FullReport>(gv(pod, 'host', ['report', '--json', '--pid', String(pid)]), 'report --pid')
      assert.is(report.host.meminfoVirtualized, true)
      // What the app's own `free` shows. lxcfs sizes /proc/meminfo by the cgroup of PID 1 of the reader's PID
      // namespace: in a pod sharing it, the pause container (no memory limit), not the app's 192 MiB.
      const own = pm.run(['exec', app, 'cat', '/proc/meminfo'])
      assert.is(own.status, 0, failure(own))
      const kB = Number(/^MemTotal:\s+(\d+) kB/m.exec(own.stdout)?.[1])
      assert.is(report.host.memTotalBytes, kB * 1024, "guestview --pid shows the app's MemTotal")
      console.log(`  pod lxcfs: the app's MemTotal is ${kB} kB (its limit: ${192 * 1024} kB)`)
    })

  test.after(() => {
    const problems = cleanAll()
    if (problems.length) console.log(`  pod cleanup problems:\n    ${problems.join('\n    ')}`)
  })
}

test.run()
