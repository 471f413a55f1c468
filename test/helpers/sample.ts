// The fast loop (`npm run test:unit`) runs a sample of the few exhaustive tests: every fixture drawn by Ink,
// hundreds of corrupted sysroots. `npm test` runs them whole. The sample is drawn from the run's seed, which
// test/run-tests.mjs picks once per run, passes to every process and prints at the end with what each test
// left out, so a failure seen in the fast loop is replayed with GUESTVIEW_TEST_SEED=N npm run test:unit.
import {appendFileSync} from 'node:fs'

export const FAST_LOOP = process.env.GUESTVIEW_TEST_LOOP === 'unit'

/** The run's seed (a 31-bit integer): the runner's, else one of this process's own. */
export const SEED = /^\d+$/.test(process.env.GUESTVIEW_TEST_SEED ?? '')
  ? Number(process.env.GUESTVIEW_TEST_SEED) % 2 ** 31
  : Date.now() % 2 ** 31

function note(line: string): void {
  console.log(`  sampled: ${line} (seed ${SEED})`)
  if (process.env.GUESTVIEW_SAMPLE_LOG) appendFileSync(process.env.GUESTVIEW_SAMPLE_LOG, line + '\n')
}

/** mulberry32: a small, well-known PRNG; enough to pick a sample reproducibly from a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/** Each test draws its own sample from the run's seed: the same seed, the same picks, whatever ran before. */
function seedFor(what: string): number {
  let h = SEED
  for (const c of what) h = Math.imul(h ^ c.charCodeAt(0), 0x9e3779b1) >>> 0
  return h
}

/**
 * In the fast loop, `always` and `n` more of `all` picked by the seed, in the order of `all`; otherwise all of
 * `all`. `what` names the test in the note printed at the end of the run.
 */
export function sample<T>(what: string, all: readonly T[], n: number, always: readonly T[] = []): T[] {
  if (!FAST_LOOP || always.length + n >= all.length) return [...all]
  const rest = all.filter((x) => !always.includes(x))
  const next = random(seedFor(what))
  // A partial Fisher-Yates shuffle: the first n of `rest` become a uniform sample.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (rest.length - i))
    ;[rest[i], rest[j]] = [rest[j]!, rest[i]!]
  }
  const picked = new Set<T>([...always, ...rest.slice(0, n)])
  note(`${what}: ${picked.size} of ${all.length} (npm test runs all)`)
  return all.filter((x) => picked.has(x))
}

/**
 * How many cases a property runs: `env` if set (bench/ and CI may ask for more), else `fast` in the fast loop
 * and `full` otherwise. Use with `seed: SEED`, so the cases can be replayed.
 */
export function caseCount(what: string, full: number, fast: number, env?: string): number {
  const fromEnv = env ? Number(process.env[env]) : NaN
  const n = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : FAST_LOOP ? fast : full
  if (n < full) note(`${what}: ${n} cases of the ${full} npm test runs`)
  else console.log(`  ${what}: ${n} cases (seed ${SEED})`)
  return n
}
