// Cleanup at process exit, for helpers and test files: one 'exit' listener and one handler per signal (SIGINT,
// SIGTERM: the cleanups, then exit 130 or 143) for all of them. uvu loads all of a shard's test files into one
// process before it runs any, and a listener per file or helper passed Node's limit of ten (a
// MaxListenersExceeded warning in every CI log, which reads as a leak). The cleanups run in the order they were
// given, as listeners would.
const atExit = new Set<() => void>()
let hooked = false

/** Run `cleanup` at exit, or on SIGINT/SIGTERM, unless the returned function took it off first. */
export function onExit(cleanup: () => void): () => void {
  if (!hooked) {
    hooked = true
    const runAll = () => {
      for (const f of atExit) f()
    }
    process.on('exit', runAll)
    for (const [sig, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)
      process.once(sig, () => {
        runAll()
        atExit.clear()
        process.exit(code)
      })
  }
  atExit.add(cleanup)
  return () => atExit.delete(cleanup)
}
