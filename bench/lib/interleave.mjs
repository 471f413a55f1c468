// Commands timed round-robin, so that a load that comes and goes on a shared VM falls on every row alike:
// each round runs every row once, after a few warm-up rounds. Wall time is a median per row; CPU time
// (user + system of the child and its children, from /proc/self/stat's cutime + cstime) is a mean, since
// the kernel counts it in ticks of 10 ms. Used by bench/startup.mjs and bench/snapshot.mjs.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout) || 100

/**
 * @param {{name: string, argv: string[], env?: NodeJS.ProcessEnv, cwd?: string}[]} rows argv[0] is the program
 * @param {number} runs timed rounds
 * @param {(message: string) => never} fail what to do when a run exits non-zero
 * @returns {{medians: number[], cpu: number[]}} milliseconds, in the order of rows
 */
export function interleaved(rows, runs, fail, warmup = 3) {
  const times = rows.map(() => [])
  const cpuMs = rows.map(() => 0)
  for (let i = 0; i < runs + warmup; i++)
    rows.forEach((r, k) => {
      const cpu0 = childrenCpuMs()
      const start = process.hrtime.bigint()
      const res = spawnSync(r.argv[0], r.argv.slice(1), {env: r.env, cwd: r.cwd, stdio: 'ignore'})
      if (res.status !== 0) fail(`${r.name} exited ${res.status}`)
      if (i < warmup) return
      times[k].push(Number(process.hrtime.bigint() - start) / 1e6)
      cpuMs[k] += childrenCpuMs() - cpu0
    })
  return {medians: times.map(median), cpu: cpuMs.map((ms) => ms / runs)}
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** CPU time (user + system) of this process's waited-for children so far: /proc/self/stat cutime + cstime. */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS
}
