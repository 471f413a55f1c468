// GUESTVIEW_TRACE_START=1 prints the time since the process started at each phase of a run's start (the loader
// of dist/guestview.mjs keeps the marks: scripts/loader.mjs). Without it, or under bin/dev.js, a mark is an
// empty function call.
const key = Symbol.for('guestview.traceStart')

export const traceStart: (phase: string) => void =
  ((globalThis as Record<symbol, unknown>)[key] as ((phase: string) => void) | undefined) ?? (() => {})
