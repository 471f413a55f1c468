// examples/: the Kubernetes sidecar manifest and the compose file must have the shape that matters (two
// containers, limits on both, a shared process namespace, the guestview image run as its non-root user on
// a read-only root, running `serve` with probes on /healthz and scrape annotations, no sleep loop), and must
// agree with Dockerfile.guest and package.json.
// Also checks the tiny YAML reader they are parsed with (test/helpers/yaml.ts).
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {parseYaml, YamlError, type Yaml} from '../helpers/yaml.js'

const EXAMPLES = join(REPO, 'examples')
const MANIFEST = join(EXAMPLES, 'kubernetes', 'pod-with-guestview-sidecar.yaml')
const COMPOSE = join(EXAMPLES, 'compose.yaml')
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {version: string}

type Obj = {[k: string]: Yaml}
const obj = (v: Yaml | undefined, what: string): Obj => {
  assert.ok(
    v !== null && typeof v === 'object' && !Array.isArray(v),
    `${what} should be a mapping, is ${JSON.stringify(v)}`,
  )
  return v
}
const arr = (v: Yaml | undefined, what: string): Yaml[] => {
  assert.ok(Array.isArray(v), `${what} should be a sequence, is ${JSON.stringify(v)}`)
  return v
}

/** Kubernetes CPU quantity in cores: "500m", "1", "1.5". */
function cpuCores(q: Yaml | undefined): number {
  const s = String(q)
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(s)
  if (!m) throw new Error(`not a CPU quantity: ${s}`)
  return Number(m[1]) / (m[2] ? 1000 : 1)
}

/** Kubernetes memory quantity in bytes: "256Mi", "1Gi", "128M", "1000". */
function memBytes(q: Yaml | undefined): number {
  const s = String(q)
  const m = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(s)
  if (!m) throw new Error(`not a memory quantity: ${s}`)
  const mult: Record<string, number> = {
    '': 1,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  }
  return Number(m[1]) * mult[m[2] ?? '']!
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function dockerfile(): {op: string; rest: string}[] {
  const text = readFileSync(join(REPO, 'Dockerfile.guest'), 'utf8')
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return joined
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^\s*(\S+)\s*(.*)$/.exec(l)!
      return {op: m[1]!.toUpperCase(), rest: m[2]!.trim()}
    })
}

const last = (op: string) => {
  const all = dockerfile().filter((i) => i.op === op)
  assert.ok(all.length > 0, `no ${op} in Dockerfile.guest`)
  return all[all.length - 1]!.rest
}
const entrypoint = () => JSON.parse(last('ENTRYPOINT')) as string[]

// ---- the YAML reader ----

test('yaml: block mappings, sequences, "- key:" items, flow sequences, quotes, comments', () => {
  const src = [
    '# a comment',
    'a: 1',
    'b: "two # not a comment"   # a comment',
    "c: 'it''s'",
    'd:',
    '  e: true',
    '  f: null',
    '  g: [x, "y z", 3]',
    'list:',
    '- one',
    '- k: v',
    '  k2: 2.5',
    '-',
    '  - nested',
    'img: nginx:1.27-alpine',
    'empty:',
  ].join('\n')
  assert.equal(parseYaml(src), {
    a: 1,
    b: 'two # not a comment',
    c: "it's",
    d: {e: true, f: null, g: ['x', 'y z', 3]},
    list: ['one', {k: 'v', k2: 2.5}, ['nested']],
    img: 'nginx:1.27-alpine',
    empty: null,
  })
})

test('yaml: what it cannot read is an error, not a guess', () => {
  for (const bad of [
    'a: &x 1',
    'a: *x',
    'a: !!str 1',
    'a: |\n  text',
    'a: {b: 1}',
    'a: 1\na: 2',
    'a: 1\n---\nb: 2',
    'a:\n\tb: 1',
    'a: b: c',
    'a: [x, [y]]',
    'a:\n  b: 1\n c: 2',
  ]) {
    assert.throws(
      () => parseYaml(bad),
      (e: unknown) => e instanceof YamlError,
      JSON.stringify(bad),
    )
  }
})

// ---- the Kubernetes sidecar manifest ----

const pod = () => obj(parseYaml(readFileSync(MANIFEST, 'utf8')), 'manifest')

test('pod manifest: a Pod that shares its process namespace, with two containers', () => {
  const p = pod()
  assert.is(p.apiVersion, 'v1')
  assert.is(p.kind, 'Pod')
  assert.type(obj(p.metadata, 'metadata').name, 'string')
  const spec = obj(p.spec, 'spec')
  assert.is(spec.shareProcessNamespace, true)
  const names = arr(spec.containers, 'containers').map((c) => obj(c, 'container').name)
  assert.is(names.length, 2)
  assert.ok(names.includes('guestview'), `containers: ${names}`)
  assert.is(new Set(names).size, 2)
})

test('pod manifest: limits (and requests within them) on both containers', () => {
  for (const c of arr(obj(pod().spec, 'spec').containers, 'containers')) {
    const name = String(obj(c, 'container').name)
    const res = obj(obj(c, name).resources, `${name}.resources`)
    const lim = obj(res.limits, `${name}.resources.limits`)
    const req = obj(res.requests, `${name}.resources.requests`)
    assert.ok(cpuCores(lim.cpu) > 0, `${name} cpu limit`)
    assert.ok(memBytes(lim.memory) > 0, `${name} memory limit`)
    assert.ok(cpuCores(req.cpu) <= cpuCores(lim.cpu), `${name}: cpu request above its limit`)
    assert.ok(memBytes(req.memory) <= memBytes(lim.memory), `${name}: memory request above its limit`)
  }
})

const guestviewContainer = () =>
  obj(
    arr(obj(pod().spec, 'spec').containers, 'containers').find((c) => obj(c, 'c').name === 'guestview'),
    'guestview',
  )

/** The port of a --listen HOST:PORT in an argument list, or null. */
function listenPort(args: string[]): number | null {
  const i = args.indexOf('--listen')
  const m = i >= 0 ? /^(.+):(\d+)$/.exec(args[i + 1] ?? '') : null
  return m ? Number(m[2]) : null
}

test("pod manifest: the sidecar is the image's CLI running `serve --pod` on all interfaces: no shell, no sleep loop", () => {
  const g = guestviewContainer()
  assert.is(g.image, `guestview:${pkg.version}`, 'the image tag follows package.json')
  assert.is(g.command, undefined, "the image's ENTRYPOINT (the CLI) runs, not a shell")
  const args = arr(g.args, 'args').map(String)
  assert.is(args[0], 'serve')
  const i = args.indexOf('--listen')
  assert.match(
    args[i + 1] ?? '',
    /^0\.0\.0\.0:\d+$/,
    'serve listens on loopback unless told: Prometheus scrapes the pod IP',
  )
  assert.ok(args.includes('--pod'), 'serve --pod: the app container is the one with the limits, not the sidecar')
  const text = readFileSync(MANIFEST, 'utf8')
  assert.not.match(text, /does not take --pid|not wired/, 'the comments still say serve cannot look at the app')
  assert.match(text, /serve --pod/, 'the comments explain what serve --pod reports')
  assert.not.match(readFileSync(MANIFEST, 'utf8').replace(/^\s*#.*$/gm, ''), /sleep|while/, 'no sleep loop')
})

test('pod manifest: readiness and liveness probes on /healthz, scrape annotations, the metrics port, all one port', () => {
  const g = guestviewContainer()
  const port = listenPort(arr(g.args, 'args').map(String))
  assert.ok(port !== null)
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const get = obj(obj(g[probe], probe).httpGet, `${probe}.httpGet`)
    assert.is(get.path, '/healthz', probe)
    assert.is(get.port, port, probe)
  }
  const ports = arr(g.ports, 'ports').map((p) => obj(p, 'port'))
  assert.ok(
    ports.some((p) => p.containerPort === port),
    `containerPort ${port}`,
  )
  const ann = obj(obj(pod().metadata, 'metadata').annotations, 'annotations')
  assert.is(ann['prometheus.io/scrape'], 'true', 'a string: annotation values are strings')
  assert.is(ann['prometheus.io/port'], String(port))
  assert.is(ann['prometheus.io/path'], '/metrics')
})

const appOf = () =>
  obj(
    arr(obj(pod().spec, 'spec').containers, 'containers').find((c) => obj(c, 'c').name !== 'guestview'),
    'app',
  )

test("pod manifest: guestview runs as the app's uid (ptrace access for --pid-of), read-only, no capabilities", () => {
  const g = guestviewContainer()
  const sc = obj(g.securityContext, 'securityContext')
  const app = obj(appOf().securityContext, 'app securityContext')
  assert.ok(typeof app.runAsUser === 'number' && app.runAsUser > 0, 'the app runs as a known non-root uid')
  assert.is(sc.runAsUser, app.runAsUser, 'the same uid as the app: /proc/PID/root needs it (or CAP_SYS_PTRACE)')
  assert.is(sc.runAsNonRoot, true)
  assert.is(sc.readOnlyRootFilesystem, true)
  assert.is(sc.allowPrivilegeEscalation, false)
  assert.equal(arr(obj(sc.capabilities, 'capabilities').drop, 'drop'), ['ALL'])
  assert.equal(
    arr(obj(app.capabilities, 'app capabilities').drop, 'drop'),
    ['ALL'],
    'no capability the app has and guestview lacks',
  )
})

test('debug-target.md: the kubectl debug recipe names --target, --pid 1 and the profile for the ptrace case', () => {
  const md = readFileSync(join(EXAMPLES, 'kubernetes', 'debug-target.md'), 'utf8')
  assert.match(md, /kubectl debug -it \S+ --image=guestview:[\d.]+ --target=app/)
  assert.match(md, /--pid 1/)
  assert.match(md, /--profile=general/)
  assert.match(md, /guestview pod|run\.js pod/)
  // No cluster is reachable here: the recipe must say it was not run, and what was tested in its place.
  assert.match(md, /Not run against a cluster/)
  assert.match(md, /podman pod create --share pid/)
  assert.match(md, /--cgroupns=private` and with the host cgroupns/)
  assert.match(md, /test\/image\/pod\.live\.test\.ts/)
})

// ---- compose and docker run ----

test('compose: guestview built from Dockerfile.guest, limited, locked down', () => {
  const c = obj(parseYaml(readFileSync(COMPOSE, 'utf8')), 'compose')
  const services = obj(c.services, 'services')
  assert.ok(Object.keys(services).length >= 2, 'guestview beside an app')
  const g = obj(services.guestview, 'guestview')
  const build = obj(g.build, 'build')
  assert.ok(
    existsSync(join(EXAMPLES, String(build.context), String(build.dockerfile))),
    'build context + dockerfile resolve',
  )
  assert.is(build.dockerfile, 'Dockerfile.guest')
  assert.is(g.image, `guestview:${pkg.version}`)
  assert.is(arr(g.command, 'command')[0], 'owns')
  assert.ok(Number(g.cpus) > 0)
  assert.match(String(g.mem_limit), /^\d+[kmg]$/)
  assert.ok(Number(g.pids_limit) > 0)
  assert.is(g.read_only, true)
  assert.equal(g.cap_drop, ['ALL'])
  assert.is(g.network_mode, 'none')
  assert.is(g.user, '65534:65534')
  for (const [name, s] of Object.entries(services))
    assert.ok(obj(s, name).cpus && obj(s, name).mem_limit, `${name} has limits`)
})

test('compose: a `serve` service (the sidecar) on 0.0.0.0, published on loopback, healthy by /healthz, locked down', () => {
  const services = obj(obj(parseYaml(readFileSync(COMPOSE, 'utf8')), 'compose').services, 'services')
  const s = obj(services.serve, 'serve')
  assert.is(s.image, `guestview:${pkg.version}`)
  const cmd = arr(s.command, 'command').map(String)
  assert.is(cmd[0], 'serve')
  const port = listenPort(cmd)
  assert.ok(port !== null && cmd[cmd.indexOf('--listen') + 1]!.startsWith('0.0.0.0:'), cmd.join(' '))
  assert.ok(
    arr(s.ports, 'ports').some((p) => String(p) === `127.0.0.1:${port}:${port}`),
    "published on the host's loopback only",
  )
  const check = arr(obj(s.healthcheck, 'healthcheck').test, 'healthcheck.test').map(String)
  assert.is(check[0], 'CMD', 'no shell in the health check')
  assert.ok(check.join(' ').includes(`http://127.0.0.1:${port}/healthz`), check.join(' '))
  assert.is(s.read_only, true)
  assert.equal(s.cap_drop, ['ALL'])
  assert.is(s.user, '65534:65534')
  assert.is(obj(s.build, 'build').dockerfile, 'Dockerfile.guest')
})

test('docker-run.sh: valid sh, builds Dockerfile.guest, every run removes its container', () => {
  const file = join(EXAMPLES, 'docker-run.sh')
  const syntax = spawnSync('sh', ['-n', file], {encoding: 'utf8'})
  assert.is(syntax.status, 0, syntax.stderr)
  const text = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ')
  assert.match(text, /build -f Dockerfile\.guest -t guestview \./)
  const runs = text.split('\n').filter((l) => /"\$ENGINE" run /.test(l))
  assert.ok(runs.length >= 3)
  for (const r of runs) assert.match(r, / --rm /)
})

// ---- Dockerfile.guest, statically (the podman tests build and run it) ----

test('Dockerfile.guest: ARG BASE, two stages, non-root numeric USER, the CLI as ENTRYPOINT, OCI labels', () => {
  const ins = dockerfile()
  assert.is(ins[0]!.op, 'ARG')
  assert.match(ins[0]!.rest, /^BASE=\S+/)
  const froms = ins.filter((i) => i.op === 'FROM')
  assert.equal(
    froms.map((f) => f.rest.split(/\s+/)[0]),
    ['${BASE}', '${BASE}'],
  )
  assert.match(last('USER'), /^[1-9]\d*:[1-9]\d*$/)
  assert.equal(entrypoint(), ['node', '/app/guestview.mjs'])
  const labels = ins
    .filter((i) => i.op === 'LABEL')
    .map((i) => i.rest)
    .join(' ')
  for (const k of ['source', 'version', 'description', 'title'])
    assert.match(labels, new RegExp(`org\\.opencontainers\\.image\\.${k}=`))
  const ignore = readFileSync(join(REPO, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
  assert.ok(ignore.includes('*'), '.dockerignore starts from nothing (an allow-list)')
})

test.run()
