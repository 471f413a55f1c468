// The VM's results: every record is one line on its second serial port (/dev/ttyS1), marked with "@@gv "
// and followed by one JSON object, so kernel messages and partial lines are never mistaken for results:
//   @@gv {"type":"boot","kernel":"6.1.0-50-cloud-amd64","t":12.3}
//   @@gv {"type":"start","scenario":"leaf-limits","t":14.1}
//   @@gv {"type":"output","scenario":"leaf-limits","key":"owns","exit":0,"seconds":9.8,"argv":"<base64>",
//         "stdout":"<base64>","stderr":"<base64>"}
//   @@gv {"type":"end","scenario":"leaf-limits","exit":0,"seconds":23.4}
//   @@gv {"type":"done","t":240.2}
// Outputs gives a scenario's checks its records by key, and says precisely what is missing when one is.
import {checkJson} from '../../helpers/schema.js'

export const MARK = '@@gv '

export type Output = {
  key: string
  /** The command line, one element per argument (`incg leaf gv owns --json`). */
  argv: string[]
  exit: number
  seconds: number
  stdout: string
  stderr: string
  bytes: Buffer
}
export type End = {exit: number; seconds: number}
export type Boot = {kernel: string; t: number}

export type RunResults = {
  boot: Boot | null
  done: {t: number} | null
  started: Set<string>
  ends: Map<string, End>
  outputs: Map<string, Map<string, Output>>
  /** Lines that carried the mark but did not parse (a truncated run). */
  broken: string[]
}

const b64 = (s: unknown): Buffer => Buffer.from(typeof s === 'string' ? s : '', 'base64')
const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : NaN)

export function parseResults(text: string): RunResults {
  const r: RunResults = {boot: null, done: null, started: new Set(), ends: new Map(), outputs: new Map(), broken: []}
  for (const raw of text.split('\n')) {
    const at = raw.indexOf(MARK)
    if (at < 0) continue
    const line = raw.slice(at + MARK.length).replace(/\r/g, '')
    let rec: Record<string, unknown>
    try {
      rec = JSON.parse(line) as Record<string, unknown>
    } catch {
      r.broken.push(line.slice(0, 120))
      continue
    }
    const scenario = String(rec.scenario ?? '')
    if (rec.type === 'boot') r.boot = {kernel: String(rec.kernel), t: num(rec.t)}
    else if (rec.type === 'done') r.done = {t: num(rec.t)}
    else if (rec.type === 'start') r.started.add(scenario)
    else if (rec.type === 'end') r.ends.set(scenario, {exit: num(rec.exit), seconds: num(rec.seconds)})
    else if (rec.type === 'output') {
      const key = String(rec.key)
      const map = r.outputs.get(scenario) ?? new Map<string, Output>()
      const bytes = b64(rec.stdout)
      const [exit, seconds, stderr] = [num(rec.exit), num(rec.seconds), b64(rec.stderr).toString('utf8')]
      const argv = b64(rec.argv).toString('utf8').split('\n').slice(0, -1)
      map.set(key, {key, argv, exit, seconds, stdout: bytes.toString('utf8'), stderr, bytes})
      r.outputs.set(scenario, map)
    }
  }
  return r
}

/** One scenario's outputs, for its checks. Every accessor throws with the reason when the output is not there. */
export class Outputs {
  constructor(
    readonly scenario: string,
    private readonly records: Map<string, Output>,
    readonly end: End | null,
    /** Appended to errors: how the VM run went (console tail), so a failure explains itself. */
    private readonly context: () => string,
  ) {}

  has(key: string): boolean {
    return this.records.has(key)
  }

  get(key: string): Output {
    const o = this.records.get(key)
    if (o) return o
    const how = this.end
      ? `the scenario ended with exit ${this.end.exit} after ${this.end.seconds} s`
      : 'the scenario never ended (VM stopped or timed out)'
    const have = [...this.records.keys()].join(', ') || 'nothing'
    throw new Error(`${this.scenario}: no output "${key}" (${how}; it emitted ${have})${this.context()}`)
  }

  /** stdout of a command that must have exited 0. */
  text(key: string): string {
    const o = this.get(key)
    if (o.exit !== 0) throw new Error(`${this.scenario}: "${key}" exited ${o.exit}: ${describe(o)}`)
    return o.stdout
  }

  /** stdout parsed as JSON; `exits` lists the exit codes accepted (check --json exits 1 on a crit finding). */
  json<T = any>(key: string, exits: number[] = [0]): T {
    const o = this.get(key)
    if (!exits.includes(o.exit)) throw new Error(`${this.scenario}: "${key}" exited ${o.exit}: ${describe(o)}`)
    // guestview's --json goes through its JSON Schema check (test/helpers/schema.ts), like every other run's.
    const args = this.guestviewArgs(key)
    if (args?.includes('--json')) return checkJson<T>(o.stdout, args, `${this.scenario}: ${key}`)
    const text = o.stdout
    let doc: T
    try {
      doc = JSON.parse(text) as T
    } catch {
      throw new Error(`${this.scenario}: "${key}" printed no JSON: ${describe(o)}`)
    }
    return doc
  }

  /** The arguments given to guestview (after `gv`) by the command behind `key`, or null if it did not run gv. */
  guestviewArgs(key: string): string[] | null {
    const argv = this.get(key).argv
    const at = argv.indexOf('gv')
    return at < 0 ? null : argv.slice(at + 1)
  }

  /** stdout as bytes (an archive), of a command that must have exited 0. */
  bytes(key: string): Buffer {
    this.text(key)
    return this.get(key).bytes
  }

  /** A flat-keyed cgroup file (cpu.stat, memory.events) the scenario emitted, as numbers. */
  flat(key: string): Record<string, number> {
    const out: Record<string, number> = {}
    for (const line of this.text(key).split('\n')) {
      const [k, v] = line.trim().split(/\s+/)
      if (k && v !== undefined && /^\d+$/.test(v)) out[k] = Number(v)
    }
    return out
  }
}

function describe(o: Output): string {
  const cut = (s: string) => (s.length > 600 ? s.slice(0, 600) + '...' : s)
  return `stdout: ${cut(o.stdout.trim()) || '(empty)'} / stderr: ${cut(o.stderr.trim()) || '(empty)'}`
}
