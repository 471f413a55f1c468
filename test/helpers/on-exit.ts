// Cleanup at process exit, for helpers and test files: one 'exit' listener for all of them. uvu loads all of a
// shard's test files into one process before it runs any, and a listener per file or helper passed Node's limit
// of ten (a MaxListenersExceeded warning in every CI log, which reads as a leak). The functions run in the order
// they were given, as listeners would.
const atExit = new Set<() => void>()
let hooked = false

export function onExit(cleanup: () => void): void {
  if (!hooked) {
    hooked = true
    process.on('exit', () => {
      for (const f of atExit) f()
    })
  }
  atExit.add(cleanup)
}
