// The process listing in a PID namespace of its own (`unshare --pid --fork --mount-proc`, as a container's):
// no kernel thread can be listed there (PID 2 is no kthreadd), so /proc/PID/stat is read only for the
// processes whose parent or name grouping asks for, and every process still gets its real parent and name.
// Needs root (unshare --pid) and util-linux; otherwise skipped with the reason.
import {spawnSync} from 'node:child_process'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {REPO} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const NAME = 'in a PID namespace: stat read only for the main process of each group, parents and names right'

// Runs in the new PID namespace: a shell (PID 1) with 30 sleepers, then the listing, recorded.
const PROBE = `
import {Sysroot} from '${REPO}/src/sysroot/sysroot.ts'
import {listProcesses} from '${REPO}/src/target/processes.ts'
import {groupProcesses} from '${REPO}/src/target/group.ts'
const sys = new Sysroot('/', {record: false})
const reads = []
const read = sys.read.bind(sys)
sys.read = (p) => (reads.push(p), read(p))
const list = listProcesses(sys)
const isStat = (p) => p.endsWith('/stat') && p.split('/').length === 4
const statsBefore = reads.filter(isStat).length
const groups = groupProcesses(list)
const statsAfter = reads.filter(isStat).length
const procs = list.procs.map((p) => ({pid: p.pid, ppid: p.ppid, comm: p.comm}))
console.log(JSON.stringify({statsBefore, statsAfter, procs, groups: groups.map((g) => ({main: g.main.pid, n: g.pids.length}))}))
`

const uid = process.getuid?.()
if (uid !== 0) skip(test, NAME, `needs root for unshare --pid (uid is ${uid ?? 'unknown'})`)
else
  test(NAME, () => {
    const r = spawnSync(
      'unshare',
      [
        '--pid',
        '--fork',
        '--mount-proc',
        '--kill-child',
        'sh',
        '-c',
        // The sleepers end with the namespace, when its PID 1 (this shell) exits.
        `for i in $(seq 30); do sleep 60 & done; node --import tsx --input-type=module -e "$0"`,
        PROBE,
      ],
      {cwd: REPO, encoding: 'utf8', timeout: 60_000},
    )
    assert.is(r.status, 0, r.stderr)
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      statsBefore: number
      statsAfter: number
      procs: {pid: number; ppid: number; comm: string}[]
      groups: {main: number; n: number}[]
    }
    // sh (1), 30 sleepers, node (and whatever node starts): one group, sh its main process.
    assert.ok(out.procs.length >= 32, `${out.procs.length} processes`)
    assert.is(out.statsBefore, 1, 'listing read only /proc/2/stat (to rule out kernel threads)')
    assert.equal(out.groups, [{main: 1, n: out.procs.length}])
    assert.ok(out.statsAfter <= 3, `grouping read ${out.statsAfter - out.statsBefore} more stat files`)
    // Asked for afterwards, every parent and name is the real one.
    const sleepers = out.procs.filter((p) => p.comm === 'sleep')
    assert.is(sleepers.length, 30)
    assert.ok(
      sleepers.every((p) => p.ppid === 1),
      'sleepers are children of PID 1',
    )
    assert.equal(
      out.procs.find((p) => p.pid === 1),
      {pid: 1, ppid: 0, comm: 'sh'},
    )
  })

test.run()
