// Issue 13 item 10: the cgroup is recreated between the two snapshots (its counters restart near 0) while
// its tasks are preempted on a host with idle CPU. The backwards counter was caught, but the verdict went
// on to "not throttled (dig further)". Any counter the diagnosis needs that cannot be differenced makes
// the verdict unknown, with the reason.
import {cpSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {fromDeltas} from '../../src/diagnose/report.js'
import {sampleDeltas} from '../../src/diagnose/sample.js'
import {FIXTURES} from '../helpers/paths.js'
import {scratch, cleanupScratch} from '../helpers/hostile.js'

test.after(cleanupScratch)

const CPU_DIR = 'sys/fs/cgroup/cpu,cpuacct'
const write = (root: string, rel: string, text: string) => {
  mkdirSync(join(root, rel, '..'), {recursive: true})
  writeFileSync(join(root, rel), text)
}
const status = (nv: number) => `Name:\tx\nState:\tR (running)\nnonvoluntary_ctxt_switches:\t${nv}\n`
const procStat = (busy: number, idle: number) =>
  `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\n`

test('a cgroup recreated mid-interval: verdict unknown, saying the counter went backwards', async () => {
  const root = scratch('gv-recreated-')
  cpSync(join(FIXTURES, 'docker-v1-hostns', 'root'), root, {recursive: true})
  write(root, `${CPU_DIR}/cgroup.procs`, '17\n')
  write(root, 'proc/17/status', status(100))
  write(root, 'proc/stat', procStat(100, 1000))
  const d = await sampleDeltas(root, 1, () => {
    // Recreated: fresh counters; the task is preempted a lot; the host is mostly idle.
    write(root, `${CPU_DIR}/cpu.stat`, 'nr_periods 3\nnr_throttled 0\nthrottled_time 0\n')
    write(root, `${CPU_DIR}/cpuacct.usage`, '1000\n')
    write(root, 'proc/17/status', status(600))
    write(root, 'proc/stat', procStat(150, 1150))
    return Promise.resolve()
  })
  const x = fromDeltas(root, 1, d)
  assert.is(x.verdict.id, 'unknown', JSON.stringify(x.verdict.path))
  assert.match(x.verdict.path[0]!.detail, /went backwards/)
  assert.match(x.verdict.advice, /went backwards/)
  rmSync(root, {recursive: true, force: true})
})

test.run()
