// --pid-of over small /proc trees: matched by comm or argv[0], counted by container, ours set aside.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {resolvePidOf} from '../../src/target/pid-of.js'
import {cleanupTrees, treeSysroot} from '../helpers/tree.js'

type P = {pid: number; ppid?: number; comm: string; argv: string[]; cgroup: string; mnt?: string}

function procTree(procs: P[], selfPid: number) {
  const files: Record<string, string> = {}
  const links: Record<string, string> = {'/proc/self': String(selfPid)}
  const tail = '0 0 0 0 0 0 0 0 20 0 1 0 100 0 0'
  for (const p of procs) {
    files[`/proc/${p.pid}/stat`] = `${p.pid} (${p.comm}) S ${p.ppid ?? 0} 1 1 0 -1 4194304 ${tail}\n`
    files[`/proc/${p.pid}/cgroup`] = `1:cpu,cpuacct:${p.cgroup}\n0::/\n`
    files[`/proc/${p.pid}/cmdline`] = p.argv.map((a) => a + '\0').join('')
    links[`/proc/${p.pid}/ns/mnt`] = p.mnt ?? `mnt:[${p.cgroup.length}]`
  }
  return treeSysroot({files, links})
}

const pod = [
  {pid: 1, comm: 'catatonit', argv: ['/catatonit', '-P'], cgroup: '/pod/infra'},
  {pid: 2, comm: 'nginx', argv: ['nginx: master process nginx'], cgroup: '/pod/app'},
  {pid: 3, ppid: 2, comm: 'nginx', argv: ['nginx: worker process'], cgroup: '/pod/app'},
  {pid: 9, comm: 'python3', argv: ['/usr/bin/python3', 'app.py'], cgroup: '/pod/api'},
  {pid: 10, comm: 'python3', argv: ['python3', 'job.py'], cgroup: '/pod/batch'},
  {pid: 20, comm: 'node', argv: ['node', '/app/bin/run.js'], cgroup: '/pod/guestview'},
  {pid: 21, comm: 'sh', argv: ['sh'], cgroup: '/pod/guestview'},
]

test('master and workers of one container are one answer: the main process', () => {
  assert.equal(resolvePidOf(procTree(pod, 20), 'nginx'), {ok: true, pid: 2})
})

test('argv[0] by file name', () => {
  assert.equal(resolvePidOf(procTree(pod, 20), 'catatonit'), {ok: true, pid: 1})
})

test('two containers run python3: exit-2 message listing both', () => {
  const r = resolvePidOf(procTree(pod, 20), 'python3')
  assert.is(r.ok, false)
  if (r.ok) return
  assert.match(
    r.message,
    /^--pid-of python3: 2 containers run python3: PID 9 \(\/usr\/bin\/python3 app\.py, cgroup \/pod\/api\), PID 10 \(python3 job\.py, cgroup \/pod\/batch\)\. Pass --pid/,
  )
  assert.not.match(r.message, /\n/)
})

test('our own process never matches; our container loses to another one', () => {
  const procs = [...pod, {pid: 30, comm: 'node', argv: ['node', 'server.js'], cgroup: '/pod/web'}]
  assert.equal(resolvePidOf(procTree(procs, 20), 'node'), {ok: true, pid: 30})
  assert.is(resolvePidOf(procTree(pod, 20), 'node').ok, false, 'only ourselves: no match')
})

test('a name nobody runs: says how many were visible and why others may be missing', () => {
  const r = resolvePidOf(procTree(pod, 20), 'java')
  assert.is(r.ok, false)
  if (!r.ok) assert.match(r.message, /no visible process is named java \(7 processes visible.*shared PID namespace/)
})

test('an empty name', () => {
  const r = resolvePidOf(procTree(pod, 20), '  ')
  assert.is(r.ok, false)
})

test.after(cleanupTrees)
test.run()
