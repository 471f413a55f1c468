// `guestview serve`: the sidecar's long-running server. Starts listening (a port in use is a usage error:
// exit 2, one line), prints where, and on SIGTERM or SIGINT drains the requests in flight and exits 0
// within 2 s. This module and prom-client are loaded lazily (the `metrics` chunk of the single file), so no
// other command pays for them.
import type {Server} from 'node:http'
import type {Targets} from '../live/targets.js'
import {Collector, collectReports, type Served} from '../serve/collector.js'
import {hostForUrl, type Listen} from '../serve/listen.js'
import {drain, handler, listen, stateOf} from '../serve/server.js'
import {metricsRegistry} from '../metrics/registry.js'

/** The drain's deadline: under the 2 s a SIGTERM must be answered within, with room to exit. */
export const DRAIN_MS = 1500

export type ServeResult = {ok: true; done: Promise<void>} | {ok: false; message: string}

export async function runServe(
  targets: Targets,
  at: Listen,
  pod: boolean,
  log: (line: string) => void,
): Promise<ServeResult> {
  const collector = new Collector(collectReports(targets, {pod}))
  const state: {served: Served; draining: boolean} = {served: collector.current(), draining: false}
  const registry = metricsRegistry(() => stateOf(state.served))
  let server: Server
  try {
    server = await listen(handler(collector, registry, state, {pod}), at.host, at.port)
  } catch (error) {
    return {ok: false, message: listenError(at, error as NodeJS.ErrnoException)}
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : at.port
  // The handlers go in before the line that says serve listens: a supervisor (or a test) that sends SIGTERM on
  // reading it found none yet now and then, and Node without a listener leaves SIGTERM to the kernel's default
  // action (killed at once: no drain, no exit 0, no code cache written).
  const done = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (state.draining) return
      state.draining = true
      void drain(server, DRAIN_MS).then(() => {
        log(`guestview serve: ${signal}: drained, exiting`)
        resolve()
      })
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
  log(`guestview serve: listening on http://${hostForUrl(at.host)}:${port} (/metrics, /report, /healthz)`)
  return {ok: true, done}
}

function listenError(at: Listen, e: NodeJS.ErrnoException): string {
  const where = `--listen ${hostForUrl(at.host)}:${at.port}`
  switch (e.code) {
    case 'EADDRINUSE':
      return `${where}: the port is already in use (EADDRINUSE); stop what listens there or pick another port`
    case 'EACCES':
      return `${where}: not allowed to listen there (EACCES); ports below 1024 need root or CAP_NET_BIND_SERVICE`
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${where}: no such address on this machine (${e.code}); use 127.0.0.1, 0.0.0.0 or an address it has`
    default:
      return `${where}: cannot listen (${e.code ?? e.message})`
  }
}
