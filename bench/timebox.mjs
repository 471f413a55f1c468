#!/usr/bin/env node
// The time box's cost, side by side in one run (issue 13 item 4): one file read each way, interleaved
// round-robin so machine noise hits all alike; medians, and each median's ratio to the plain read.
//   plain read           readBounded on a file on a mount that cannot hang: what every procfs/sysfs/cgroupfs
//                        read costs, before and after the time box (the mount lookup is a cached prefix match)
//   procfs, both ways    /proc/meminfo through readBounded (mount lookup, then the plain read) and plain:
//                        the common case's whole extra cost; plus, once, the first lookup (reads mountinfo)
//   dd child             the time-boxed read (coreutils dd under spawnSync with a time-out)
//   node child           the fallback where dd is busybox's
//   worker thread        the candidate not taken: start a worker, read there, Atomics.wait (its first read
//                        is all a run needs; it is also not usable: a worker stuck in read(2) blocks exit)
// FILE is read (default: lxcfs's meminfo if root can start lxcfs here, else /proc/meminfo).
// The plain read of FILE is the baseline (× column).
// Usage: node --import tsx bench/timebox.mjs [runs=30] [FILE]
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {median} from './lib/interleave.mjs'

// The modules themselves (src/, through tsx): the built CLI is one bundle.
const {readBounded, readPlain} = await import('../src/sysroot/bounded.js')
const {hangingMountOf} = await import('../src/sysroot/mount-table.js')
const {readTimeBoxed, resetTimeBox} = await import('../src/sysroot/timebox.js')

const runs = Number(process.argv[2] ?? 30)
let file = process.argv[3]
let lxcfs = null
let tmp = null
if (!file && process.getuid?.() === 0 && spawnSync('which', ['lxcfs']).status === 0) {
  tmp = mkdtempSync('/tmp/gvbench-lxcfs-')
  mkdirSync(join(tmp, 'mnt'))
  lxcfs = spawn('lxcfs', ['-f', '-u', '-p', join(tmp, 'pid'), join(tmp, 'mnt')], {stdio: 'ignore'})
  for (let i = 0; i < 80 && !existsSync(join(tmp, 'mnt/proc/meminfo')); i++)
    await new Promise((r) => setTimeout(r, 100))
  file = join(tmp, 'mnt/proc/meminfo')
}
file ??= '/proc/meminfo'

const t0 = performance.now()
hangingMountOf('/proc/meminfo')
const firstLookupMs = performance.now() - t0

const mount = {mountPoint: dirname(file), fsType: 'fuse.bench', device: '0:0'}
const workerRead = () =>
  new Promise((resolve) => {
    const w = new Worker(
      `const {parentPort} = require('node:worker_threads'); const fs = require('node:fs');
       parentPort.once('message', ({sab, file}) => { fs.readFileSync(file); const a = new Int32Array(sab); Atomics.store(a, 0, 1); Atomics.notify(a, 0) })`,
      {eval: true},
    )
    const sab = new SharedArrayBuffer(4)
    w.postMessage({sab, file})
    Atomics.wait(new Int32Array(sab), 0, 0, 10_000)
    w.terminate().then(resolve)
  })

const PLAIN = {noFollow: false}
/** Run fn 50 times; the sample is the mean (returned as {ms}). */
const times50 = (fn) => {
  const t = performance.now()
  for (let i = 0; i < 50; i++) fn()
  return {ms: (performance.now() - t) / 50}
}
const cases = [
  ['plain read (in process, no time box)', () => readPlain('/proc/meminfo', file, 1 << 20, {noFollow: false})],
  ['dd child (time-boxed read)', () => readTimeBoxed('/proc/meminfo', file, 1 << 20, false, mount)],
  [
    'node child (fallback)',
    () => (resetTimeBox({nodeChild: true}), readTimeBoxed('/proc/meminfo', file, 1 << 20, false, mount)),
  ],
  ['worker thread: start + read (not taken)', workerRead],
  // The common case: a procfs file through readBounded (mount lookup, then the plain read) and plain, each
  // sample the mean of 50 calls (a single call is near the timer's resolution).
  [
    'procfs /proc/meminfo, plain read',
    () => times50(() => readPlain('/proc/meminfo', '/proc/meminfo', 1 << 20, PLAIN)),
  ],
  [
    'procfs /proc/meminfo, readBounded (lookup + plain read)',
    () => times50(() => readBounded('/proc/meminfo', '/proc/meminfo', 1 << 20, PLAIN)),
  ],
]
const times = cases.map(() => [])
try {
  for (let i = 0; i < runs + 2; i++) {
    for (const [k, [, fn]] of cases.entries()) {
      resetTimeBox()
      const t = performance.now()
      const r = await fn()
      const ms = r && typeof r.ms === 'number' ? r.ms : performance.now() - t
      if (r && typeof r === 'object' && 'kind' in r && r.kind !== 'value')
        throw new Error(`${cases[k][0]}: ${r.reason}`)
      if (i >= 2) times[k].push(ms)
    }
  }
} finally {
  if (lxcfs) {
    lxcfs.kill('SIGTERM') // by its PID
    await new Promise((r) => lxcfs.once('exit', r))
    // lxcfs unmounts itself on SIGTERM; remove its directory only if nothing is mounted there any more.
    if (!(await import('node:fs')).readFileSync('/proc/self/mountinfo', 'utf8').includes(tmp))
      rmSync(tmp, {recursive: true})
  }
}
const base = median(times[0])
console.log(
  `time box, ${runs} interleaved runs each, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, file ${file}\n`,
)
console.log('| read | median ms | min ms | × plain read |')
console.log('|---|---:|---:|---:|')
for (const [k, [name]] of cases.entries()) {
  const med = median(times[k])
  console.log(`| ${name} | ${med.toFixed(3)} | ${Math.min(...times[k]).toFixed(3)} | ${(med / base).toFixed(1)} |`)
}
const common = median(times[5]) / median(times[4])
console.log(`\ncommon case, /proc/meminfo: readBounded / plain read = ${common.toFixed(2)}`)
console.log(
  `\nfirst mount lookup (reads and parses /proc/self/mountinfo, once per run): ${firstLookupMs.toFixed(3)} ms`,
)
