// A container of N processes on real cgroups v1 (the load test and bench/serve.ts): a cgroup made by
// TestCgroups, one shell that starts N-1 `sleep`s in it, and a way to run more commands inside it. Every
// process is killed by its PID, read from cgroup.procs, and the cgroup removed.
import {setTimeout as sleep} from 'node:timers/promises'
import {inCgroups, run, TestCgroups} from '../../test/helpers/cgroups.js'

export type Crowd = {rel: string; cg: TestCgroups; argv(cmd: string[]): string[]; stop(): Promise<void>}

export async function crowd(processes: number, cg = new TestCgroups()): Promise<Crowd> {
  const rel = cg.create(cg.name())
  const sh = `i=0; while [ $i -lt ${processes - 1} ]; do sleep 600 & i=$((i+1)); done; wait`
  const started = run(inCgroups(cg.procsFiles(rel), ['sh', '-c', sh]), {timeoutMs: 900_000})
  const count = () => cg.read('pids', rel, 'cgroup.procs').split('\n').filter(Boolean).length
  for (let i = 0; i < 200 && count() < processes; i++) await sleep(50)
  if (count() < processes) throw new Error(`only ${count()} of ${processes} processes started`)
  return {
    rel,
    cg,
    argv: (cmd) => inCgroups(cg.procsFiles(rel), cmd),
    async stop() {
      for (const pid of cg.read('pids', rel, 'cgroup.procs').split('\n').filter(Boolean).map(Number)) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // gone already
        }
      }
      await started
    },
  }
}
