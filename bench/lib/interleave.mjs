// Commands timed round-robin, so that a load that comes and goes on a shared VM falls on every row alike:
// each round runs every row once, in an order shuffled anew for each round (in a fixed order, the row that
// always ran right after `node -e 0` came out up to 4% slower or faster than the same command in the next
// row), after a few warm-up rounds. Wall time is a median per row; CPU time (user + system of the child and its
// children, from /proc/self/stat's cutime + cstime) is a mean, since the kernel counts it in ticks of 10 ms.
// Each round's times are kept too, for ratioInterval. Used by bench/startup.mjs and bench/snapshot.mjs.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout) || 100

/**
 * @param {{name: string, argv: string[], env?: NodeJS.ProcessEnv, cwd?: string}[]} rows argv[0] is the program
 * @param {number} runs timed rounds
 * @param {(message: string) => never} fail what to do when a run exits non-zero
 * @returns {{medians: number[], cpu: number[], times: number[][]}} milliseconds, in the order of rows; times[row]
 *   holds one wall time per timed round, in round order
 */
export function interleaved(rows, runs, fail, warmup = 3, random = Math.random) {
  const times = rows.map(() => [])
  const cpuMs = rows.map(() => 0)
  for (let i = 0; i < runs + warmup; i++)
    for (const k of shuffled(rows.length, random)) {
      const r = rows[k]
      const cpu0 = childrenCpuMs()
      const start = process.hrtime.bigint()
      const res = spawnSync(r.argv[0], r.argv.slice(1), {env: r.env, cwd: r.cwd, stdio: 'ignore'})
      if (res.status !== 0) fail(`${r.name} exited ${res.status}`)
      if (i < warmup) continue
      times[k].push(Number(process.hrtime.bigint() - start) / 1e6)
      cpuMs[k] += childrenCpuMs() - cpu0
    }
  return {medians: times.map(median), cpu: cpuMs.map((ms) => ms / runs), times}
}

/** 0 .. n-1 in a random order (Fisher-Yates). */
export function shuffled(n, random = Math.random) {
  const order = Array.from({length: n}, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order
}

/**
 * A 95% interval for median(row) / median(floor), by resampling whole rounds (a round's two times stay
 * together, as the load that fell on them did): the 2.5th and 97.5th percentiles of 2,000 resampled ratios.
 */
export function ratioInterval(row, floor, random = Math.random, resamples = 2000) {
  const n = Math.min(row.length, floor.length)
  return bootstrap95(
    n,
    (picks) => median(picks.map((k) => row[k])) / median(picks.map((k) => floor[k])),
    random,
    resamples,
  )
}

/**
 * The 2.5th and 97.5th percentiles of `statistic` over `resamples` resamplings of rounds 0 .. n-1 (each a list
 * of n rounds drawn with replacement).
 */
function bootstrap95(n, statistic, random, resamples) {
  const values = []
  for (let b = 0; b < resamples; b++) values.push(statistic(Array.from({length: n}, () => Math.floor(random() * n))))
  values.sort((a, b) => a - b)
  return [values[Math.floor(resamples * 0.025)], values[Math.ceil(resamples * 0.975) - 1]]
}

/**
 * The ratio round by round: each round's row time over the floor's time in the same round (the two ran within
 * seconds of each other, in a shuffled order), and the median of those ratios with a 95% interval from the
 * rounds resampled. A load that comes and goes lengthens both times of a round alike, so it cancels here; in
 * ratioInterval's ratio of two medians it does not, and widens the interval. Both estimate the same thing:
 * how many times the floor a run takes.
 * @returns {{ratio: number, interval: [number, number]}}
 */
export function roundRatio(row, floor, random = Math.random, resamples = 2000) {
  const n = Math.min(row.length, floor.length)
  const ratios = Array.from({length: n}, (_, i) => row[i] / floor[i])
  return {
    ratio: median(ratios),
    interval: bootstrap95(n, (picks) => median(picks.map((k) => ratios[k])), random, resamples),
  }
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
