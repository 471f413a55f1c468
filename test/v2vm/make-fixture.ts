// Turns the captures of the last VM run into fixtures: `npx tsx test/v2vm/make-fixture.ts [RUN_DIR]` (after
// `node test/run-tests.mjs 'v2vm/v2vm'`; RUN_DIR defaults to the newest finished run under
// /var/cache/guestview-test/v2vm/runs). For each case it unpacks the `guestview capture` tree that the
// scenario made inside the VM into fixtures/<name>/root, writes expected.json from the limits the scenario
// set (its exported constants) and the raw counter files in root/ (no guestview code is used), and a
// NOTE.md saying where and how it was captured. Nothing in root/ is edited.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {FIXTURES} from '../helpers/paths.js'
import {VM_CACHE} from './lib/assets.js'
import {parseResults} from './lib/results.js'
import {CHILD, PARENT} from './scenarios/20-parent-tighter.js'
import {LIMITS} from './scenarios/30-private-ns.js'

type Setter = {value: number; rel: string}
type Case = {
  name: string
  scenario: string
  /** The process's cgroup as /proc/self/cgroup shows it, and that cgroup's directory under /sys/fs/cgroup. */
  path: string
  leafRel: string
  namespace: 'host' | 'private'
  cpu: Setter & {quotaUs: number; periodUs: number}
  memory: Setter
  pids: Setter
  story: string
}

const CASES: Case[] = [
  {
    name: 'qemu-v2-hostns-parent-tighter',
    scenario: 'parent-tighter',
    path: '/parent-tighter/app',
    leafRel: 'parent-tighter/app',
    namespace: 'host',
    cpu: {value: PARENT.quotaUs / PARENT.periodUs, rel: 'parent-tighter', ...PARENT},
    memory: {value: PARENT.memoryMax, rel: 'parent-tighter'},
    pids: {value: PARENT.pidsMax, rel: 'parent-tighter'},
    story:
      `Host cgroup namespace; the process is in \`/parent-tighter/app\`, whose own limits (cpu.max ` +
      `\`${CHILD.quotaUs} ${CHILD.periodUs}\`, memory.max ${CHILD.memoryMax}, pids.max ${CHILD.pidsMax}) are looser ` +
      `than its parent's \`/parent-tighter\` (cpu.max \`${PARENT.quotaUs} ${PARENT.periodUs}\`, memory.max ` +
      `${PARENT.memoryMax}, pids.max ${PARENT.pidsMax}): the parent's must win, with the parent's files as sources.`,
  },
  {
    name: 'qemu-v2-private-limits',
    scenario: 'private-ns',
    path: '/',
    leafRel: '',
    namespace: 'private',
    cpu: {value: LIMITS.quotaUs / LIMITS.periodUs, rel: '', ...LIMITS},
    memory: {value: LIMITS.memoryMax, rel: ''},
    pids: {value: LIMITS.pidsMax, rel: ''},
    story:
      `Private cgroup namespace made as a runtime does (util-linux \`unshare --cgroup --mount\`, then ` +
      `\`umount /sys/fs/cgroup; mount -t cgroup2 cgroup2 /sys/fs/cgroup\`), rooted at \`/private-ns/app\` with ` +
      `cpu.max \`${LIMITS.quotaUs} ${LIMITS.periodUs}\`, memory.max ${LIMITS.memoryMax}, pids.max ${LIMITS.pidsMax}. ` +
      `Inside, \`/proc/self/cgroup\` is \`0::/\` and the limits are the namespace root's own files.`,
  },
]

const runDir = process.argv[2] ?? newestFinishedRun()
const results = parseResults(readFileSync(join(runDir, 'results.log'), 'latin1'))
for (const c of CASES) {
  const dir = join(FIXTURES, c.name)
  const root = join(dir, 'root')
  const out = results.outputs.get(c.scenario)
  const tgz = out?.get('capture-tgz')
  if (!tgz || tgz.exit !== 0) throw new Error(`${runDir}: ${c.scenario} has no capture-tgz output`)
  rmSync(root, {recursive: true, force: true})
  mkdirSync(root, {recursive: true})
  const archive = join(dir, '.capture.tgz')
  writeFileSync(archive, tgz.bytes)
  const x = spawnSync('tar', ['-xzf', archive, '-C', root], {encoding: 'utf8'})
  rmSync(archive)
  if (x.status !== 0) throw new Error(`tar -xzf: ${x.stderr}`)
  const {expected, derivation} = expectedFor(c, root)
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n')
  writeFileSync(join(dir, 'NOTE.md'), note(c, root, derivation, results.boot?.kernel ?? 'unknown'))
  console.log(`fixtures/${c.name}: root/, expected.json, NOTE.md from ${runDir}`)
}

function newestFinishedRun(): string {
  const runs = join(VM_CACHE, 'runs')
  const dirs = readdirSync(runs)
    .sort()
    .reverse()
    .map((n) => join(runs, n))
  const done = dirs.find(
    (d) => existsSync(join(d, 'results.log')) && parseResults(readFileSync(join(d, 'results.log'), 'latin1')).done,
  )
  if (!done) throw new Error(`no finished VM run under ${runs}`)
  return done
}

/** The raw files of the capture, read as the kernel documents them (cgroup-v2.rst, sysfs-devices-system-cpu). */
function expectedFor(c: Case, root: string) {
  const cg = (rel: string, file: string) => join(root, 'sys/fs/cgroup', rel, file)
  const text = (p: string) => readFileSync(p, 'utf8').trim()
  const flat = (p: string) =>
    Object.fromEntries(
      text(p)
        .split('\n')
        .map((l) => l.split(' '))
        .map(([k, v]) => [k, Number(v)]),
    ) as Record<string, number>
  const cpus = (list: string) =>
    list.split(',').flatMap((r) => {
      const [a, b] = r.split('-').map(Number)
      return Array.from({length: (b ?? a!) - a! + 1}, (_, i) => a! + i)
    })
  const ownStat = flat(cg(c.leafRel, 'cpu.stat'))
  const setterStat = flat(cg(c.cpu.rel, 'cpu.stat'))
  const cpuset = cpus(text(cg(c.leafRel, 'cpuset.cpus.effective')))
  const online = cpus(text(join(root, 'sys/devices/system/cpu/online')))
  const usage = Number(text(cg(c.leafRel, 'memory.current')))
  const inactiveFile = flat(cg(c.leafRel, 'memory.stat')).inactive_file!
  const oomKills = flat(cg(c.leafRel, 'memory.events')).oom_kill!
  const pidsCurrent = Number(text(cg(c.leafRel, 'pids.current')))
  const weight = Number(text(cg(c.leafRel, 'cpu.weight')))
  const src = (rel: string, file: string) => `/sys/fs/cgroup/${rel ? rel + '/' : ''}${file}`
  const expected = {
    schemaVersion: 2,
    cgroup: {version: 'v2', path: c.path, namespace: c.namespace},
    cpu: {
      limit: {state: 'limited', value: c.cpu.value, source: src(c.cpu.rel, 'cpu.max')},
      quotaUs: c.cpu.quotaUs,
      periodUs: c.cpu.periodUs,
      shares: null,
      weight,
      cpuset,
      hostCpus: online.length,
      effectiveCores: Math.min(c.cpu.value, cpuset.length, online.length),
      usageSeconds: ownStat.usage_usec! / 1e6,
      throttling: {
        periods: setterStat.nr_periods,
        throttledPeriods: setterStat.nr_throttled,
        throttledSeconds: setterStat.throttled_usec! / 1e6,
      },
    },
    memory: {
      limit: {state: 'limited', value: c.memory.value, source: src(c.memory.rel, 'memory.max')},
      usageBytes: usage,
      workingSetBytes: Math.max(0, usage - inactiveFile),
      oomKills,
    },
    pids: {limit: {state: 'limited', value: c.pids.value, source: src(c.pids.rel, 'pids.max')}, current: pidsCurrent},
  }
  const at = (rel: string, file: string) => `\`${src(rel, file)}\``
  const derivation = [
    `| \`cpu.limit\` | the limit set: ${c.cpu.quotaUs} / ${c.cpu.periodUs} = ${c.cpu.value} (cores), in ${at(c.cpu.rel, 'cpu.max')} |`,
    `| \`cpu.weight\` | \`cpu.weight\` of the process's cgroup: ${weight} (the default) |`,
    `| \`cpu.cpuset\`, \`cpu.hostCpus\` | \`cpuset.cpus.effective\` \`${cpuset.join(',')}\`; \`sys/devices/system/cpu/online\` -> ${online.length} |`,
    `| \`cpu.effectiveCores\` | min(${c.cpu.value} quota, cpuset of ${cpuset.length}, ${online.length} online) = ${expected.cpu.effectiveCores} |`,
    `| \`cpu.usageSeconds\` | own \`cpu.stat\` usage_usec ${ownStat.usage_usec} / 1e6 |`,
    `| \`cpu.throttling\` | \`cpu.stat\` of the cgroup that sets the quota (${at(c.cpu.rel, 'cpu.stat')}): nr_periods ${setterStat.nr_periods}, nr_throttled ${setterStat.nr_throttled}, throttled_usec ${setterStat.throttled_usec} / 1e6 |`,
    `| \`memory.limit\` | the limit set: ${c.memory.value} bytes, in ${at(c.memory.rel, 'memory.max')} |`,
    `| \`memory.usageBytes\`, \`workingSetBytes\` | \`memory.current\` ${usage}; minus \`memory.stat\` inactive_file ${inactiveFile} |`,
    `| \`memory.oomKills\` | \`memory.events\` oom_kill ${oomKills} |`,
    `| \`pids\` | the limit set: ${c.pids.value}, in ${at(c.pids.rel, 'pids.max')}; \`pids.current\` ${pidsCurrent} (threads count) |`,
  ]
  return {expected, derivation}
}

function note(c: Case, root: string, derivation: string[], kernel: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'guestview-capture.json'), 'utf8')) as Record<string, string>
  return `# ${c.name}

A real \`guestview capture\` of a cgroup v2 tree, made inside the test VM of \`test/v2vm\` (docs/v2-vm.md): Debian's
cloud kernel \`${kernel}\` booted by qemu (TCG, 2 vCPUs, 2 GiB) with an initramfs (static busybox, Node
${process.version} from the development VM, the built CLI). cgroup2 is mounted at \`/sys/fs/cgroup\`, nothing else
(no v1, no systemd), with \`+cpu +cpuset +memory +pids +io\` enabled below the root. Captured ${manifest.capturedAt}
by the \`${c.scenario}\` scenario (\`test/v2vm/scenarios/\`), brought out as a tar.gz on the VM's second serial port.

${c.story}

The capture's note: ${manifest.note}

The mountinfo is the VM's own: the initramfs root (\`rootfs\`), proc, sysfs, devtmpfs, a tmpfs on /tmp and cgroup2.
No lxcfs. \`sys/devices/system/cpu/online\` is \`0-1\`.

## How \`expected.json\` was written

By \`npx tsx test/v2vm/make-fixture.ts\`, from the limits the scenario set (its exported constants) and the raw
counter files in \`root/\`, with no guestview code. Nothing in \`root/\` was scrubbed or edited.

| contract path | from |
|---|---|
${derivation.join('\n')}

To refresh: run the VM test, then \`npx tsx test/v2vm/make-fixture.ts\`, and review the diff.
`
}
